"""What a speaker calls someone: 'Le Drian told reporters that Mali's junta was "illegitimate"',
'"The Japanese government is responsible for having made the situation worse," he said',
'called Kagame a liar'. A reported or quoted description of an actor by a word of blame is
the speaker's criticism or accusation of that actor (CAMEO 11x), not an act of the actor.

The words are the `accusing_predicate` (responsible, culprit: an accusation) and
`disparaging_predicate` (illegitimate, hostile: criticism) classes of word_classes_curated.tsv;
the codes are the `accusing_description` and `disparaging_description` rules of
cameo_rules_curated.tsv. Only a description in a quote or in reported speech whose speaker is
known counts: the narrator's own words are no one's act.
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from dyadwatch.coding.context import DocContext
from dyadwatch.coding.dates import event_date
from dyadwatch.coding.events.event_record import make_event
from dyadwatch.coding.events.modality import modality
from dyadwatch.coding.events.roles import act_named_before, distinct_parties
from dyadwatch.coding.syntax import own_subjects, pobjs, string_ids, subjects
from dyadwatch.kb.lexicon import VerbPattern
from dyadwatch.records import Actor, Event

CONFIDENCE = 0.6


def characterisations(ctx: DocContext, sent: Span, index: int) -> Iterator[Event]:
    words, rules, book = ctx.knowledge.words, ctx.knowledge.cameo_rules, ctx.knowledge.codebook
    # the word classes by their string ids (cached), read against the document's lemma array:
    # no string made for most words, and no set built per sentence
    accusing = string_ids(words["accusing_predicate"])
    disparaging = string_ids(words["disparaging_predicate"])
    lemmas = ctx.lemma_ids
    for word in ctx.sentence_tokens(sent):
        lemma_id = lemmas[word.i]
        if lemma_id not in accusing and lemma_id not in disparaging:
            continue
        lemma = word.lemma_.lower()
        if _a_duty(ctx, word):
            continue
        found = _described(ctx, word)
        if found is None:
            continue
        clause, described, speaker = found
        if speaker is None or described is None or not distinct_parties(speaker, described[1]):
            continue
        negated, context = modality(ctx, clause)
        if negated or {"hypothetical", "future"} & set(context):
            continue
        rule = "accusing_description" if lemma_id in accusing else "disparaging_description"
        code = book.lookup(rules.code(rule))
        pattern = VerbPattern(lemma, (), (), code.code, frozenset(),
                              "rule: a speaker describes an actor")
        yield make_event(ctx, word, sent, index, (word, speaker), described, code, CONFIDENCE,
                         False, ["described"], event_date(ctx, clause), pattern)


def _described(ctx: DocContext, word: Token) -> tuple[Token, tuple[Token, Actor], Actor | None] | None:
    """(the clause's verb, the described actor, the speaker) of a word of blame: the subject of
    'X is/was WORD' in someone's words, or the object of 'S called X (a) WORD'."""
    head = word.head
    words = ctx.knowledge.words
    if word.dep_ in ("acomp", "attr") and head.lemma_.lower() in words["copula_verb"]:
        subj = own_subjects(ctx, head)
        described = _actor_or_owner(ctx, subj[0]) if len(subj) == 1 else None
        if described is None:
            return None
        return head, described, _speaker_of(ctx, head, word)
    if word.dep_ == "amod" and head.dep_ in ("oprd", "pobj", "appos") and head.pos_ == "NOUN":
        word, head = head, head.head  # "labelled the group a [corrupt] terror force"
    as_label = word.dep_ in ("pobj", "amod") and head.lower_ == "as"  # "viewed X as unfriendly"
    naming = head.head if as_label else head
    if as_label and naming.dep_ == "acl" and naming.head.dep_ == "dobj":
        naming = naming.head.head  # "termed [Morocco's decision to recall envoy] as unjustified"
    if word.dep_ == "appos":  # "called [South Korea] [its enemy]", "called the remarks by
        # Kyiv [a lie]": the parser hangs the label on the object or on a noun inside it
        naming = head
        while naming.dep_ in ("pobj", "prep") and naming.head.i != naming.i:
            naming = naming.head
        naming = naming.head if naming.dep_ == "dobj" else word
    if (as_label or word.dep_ in ("oprd", "appos")) and \
            naming.lemma_.lower() in words["naming_verb"]:
        # "called [Duque] [a liar]" (two oprd), "called [South Korea] [its enemy]" (appos)
        # "X was described as a mistake by Y": the parser may hang "by Y" on the label
        passive = next((c for c in ctx.children(naming) if c.dep_ == "nsubjpass"), None)
        by = (pobjs(ctx, naming, {"by"}) or pobjs(ctx, word, {"by"})) if passive else []
        obj = passive or next((c for c in ctx.children(naming) if c.dep_ == "dobj" or (
            c.dep_ == "oprd" and c.i < word.i)), None)
        if obj is None:  # "called [the Turkish decision] escalatory" parsed as one noun phrase
            obj = next((c for c in ctx.children(word) if c.dep_ == "compound"), None)
        described = _actor_or_owner(ctx, obj) if obj is not None else None
        if described is None:
            return None
        return naming, described, _first_known(ctx, by or subjects(ctx, naming))
    return None


def _actor_or_owner(ctx: DocContext, tok: Token) -> tuple[Token, Actor] | None:
    """The actor a description is of: `tok` itself ("called Kagame a liar"), else the owner of
    the act or statement `tok` names: its possessor, nationality or "by" phrase ("termed
    Morocco's decision unjustified", "called the Russian expulsions escalatory", "called the
    statements by Mdinaradze a lie")."""
    actor = ctx.actors.resolve(tok)
    if actor is not None and actor.country:
        return tok, actor
    lemma = tok.lemma_.lower()
    judged = lemma in ctx.knowledge.words["judged_act_noun"] or lemma in ctx.knowledge.act_nouns
    if actor is not None:  # a known actor of no country
        return None
    if not judged:  # "calling the test a violation", after "Pyongyang's missile test"
        return act_named_before(ctx, [tok], None)
    owners = [c for c in ctx.children(tok) if c.dep_ in ("poss", "amod", "compound")
              and c.i < tok.i] + pobjs(ctx, tok, {"by"})
    for owner in owners:
        actor = ctx.actors.resolve(owner)
        if actor is not None and actor.country:
            return owner, actor
    return act_named_before(ctx, [tok], None)  # "calling the launch a provocation"


def _speaker_of(ctx: DocContext, clause: Token, word: Token) -> Actor | None:
    """Whose words the clause is: the subject of the reporting verb it is the complement of,
    else the speaker of the quote (direct, mixed or indirect) that holds the clause or the
    word, if the speaker is known."""
    if clause.dep_ == "ccomp" and ctx.knowledge.reporting_verbs(clause.head):
        return _first_known(ctx, subjects(ctx, clause.head))
    for tok in (clause, word):
        start, _ = ctx.original_offsets(tok.idx, tok.idx + len(tok))
        for q in ctx.quotes:
            if q.start <= start < q.end and q.speaker is not None and q.speaker.code:
                return q.speaker
    return None


def _first_known(ctx: DocContext, toks: list[Token]) -> Actor | None:
    return next((a for t in toks if (a := ctx.actors.resolve(t)) is not None and a.code), None)


def _a_duty(ctx: DocContext, word: Token) -> bool:
    """'responsible for ensuring the plant's safety' is a duty, not blame: an -ing clause after
    'for' blames only in the perfect ('for having made') or when it names a conflict act."""
    lexicon, book = ctx.knowledge.lexicon, ctx.knowledge.codebook
    for prep in ctx.children(word):
        if prep.dep_ != "prep" or prep.lower_ != "for":
            continue
        for act in ctx.children(prep):
            if act.dep_ != "pcomp" or act.tag_ != "VBG":
                continue
            if any(c.lower_ == "having" for c in ctx.children(act)):
                return False
            default = lexicon.defaults.get(act.lemma_.lower())
            code = book.lookup(default.code) if default is not None else None
            return code is None or code.quad_class < 3
    return False
