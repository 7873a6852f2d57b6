"""Small questions asked of the dependency parse by several stages."""
from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from spacy.strings import get_string_id
from spacy.tokens import Token

if TYPE_CHECKING:
    from dyadwatch.coding.context import DocContext

# The dependency labels of spaCy's English pipelines (ClearNLP style) that the stages ask about.
# dependents that leave a noun phrase (clauses hanging on the noun)
CLAUSAL_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "conj", "cc", "punct",
                          "parataxis", "appos", "mark", "prep"})
# the roles a role noun ("the spokesman") takes when it can be a pronoun's antecedent
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "appos", "attr"})


def pruned_subtree(ctx: DocContext, head: Token, keep_child=lambda t: True,
                   keep_below=lambda t: True) -> list[Token]:
    """The head and its descendants in text order, leaving out the branches the filters
    reject: `keep_child` judges the head's children, `keep_below` everything further down."""
    children = ctx.children
    out, stack = [head], [c for c in children(head) if keep_child(c)]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in children(t) if keep_below(c))
    out.sort(key=_position)
    return out


def _position(tok: Token) -> int:
    return tok.i


def clause_positions(ctx: DocContext, head: Token, cut_at_head: frozenset[str],
                     cut_below: frozenset[str]) -> list[int]:
    """The indices of the head and its descendants in text order, leaving out the branches
    whose dependency label is in `cut_at_head` (a child of the head) or `cut_below` (further
    down): `pruned_subtree` by labels alone, with no filter to call for each word, walked
    over indices and label ids (no Token object, no label string)."""
    children, deps = ctx.child_positions, ctx.dep_ids
    at_head, below = string_ids(cut_at_head), string_ids(cut_below)
    found, stack = [head.i], [c for c in children[head.i] if deps[c] not in at_head]
    while stack:
        t = stack.pop()
        found.append(t)
        stack.extend(c for c in children[t] if deps[c] not in below)
    found.sort()
    return found


@functools.lru_cache(maxsize=32)
def string_ids(labels: frozenset[str]) -> frozenset[int]:
    """Labels or words as the ids spaCy's arrays give (`Token.dep`, `Doc.to_array(LEMMA)`)."""
    return frozenset(get_string_id(label) for label in labels)


SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})


def own_subjects(ctx: DocContext, tok: Token) -> list[Token]:
    """The clause's subjects, also one the parser hung on its auxiliary ("China has since
    limited imports, imposed tariffs": "China" on "has"), in the order of the text."""
    kids = ctx.children(tok)
    subj = [c for c in kids if c.dep_ in SUBJECT_DEPS]
    if len(subj) > 1 and subj[0].i < tok.i:
        objects = misparsed_objects(ctx, tok)
        subj = [c for c in subj if c not in objects]
    on_aux = [c for aux in kids if aux.dep_ == "aux" and aux.i < tok.i
              for c in ctx.children(aux) if c.dep_ in SUBJECT_DEPS]
    return sorted(subj + on_aux, key=lambda t: t.i) if on_aux else subj


def misparsed_objects(ctx: DocContext, verb: Token) -> list[Token]:
    """Subjects the parser put after an active verb that already has one before it: its
    objects ("the Ministry summoned Serbia's ambassador, Mira Nikolic, to convey")."""
    kids = ctx.children(verb)
    if verb.pos_ != "VERB" or any(c.dep_ == "dobj" for c in kids) or \
            not any(c.dep_ == "nsubj" and c.i < verb.i for c in kids):
        return []
    return [c for c in kids if c.dep_ == "nsubj" and c.i > verb.i]


# phrasal verbs whose "on" names who is to act ("called on Serbia to withdraw"); not "agreed on
# Monday to exchange maps"
_ON_ADDRESSEE = frozenset({"call", "prevail"})


def subjects(ctx: DocContext, verb: Token) -> list[Token]:
    """The verb's subject, or the one it shares with the verb it hangs on
    ("Biden said ... and warned", "ready to attend", "announced sanctions, punishing Moscow")."""
    tok = verb
    for _ in range(6):
        subj = own_subjects(ctx, tok)
        if subj:
            return subj
        if tok.dep_ == "relcl":
            return [tok.head]
        children = ctx.children(tok)
        if tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN") and (tok.tag_ == "VBD" or (
                tok.head.dep_ == "ROOT" and any(c.dep_ == "dobj" or (
                    c.i == tok.i + 1 and c.ent_type_ == "DATE") for c in children))):
            # a clause parsed as a noun phrase: "The air force carried out ...", "Foreign
            # Minister Nikos Dendias today called upon Ankara" (a past form is no participle),
            # "Cambodia's prime minister called Friday for talks" (the day taken for an object)
            return [tok.head]
        before = ctx.tokens[tok.i - 1] if tok.i > 0 else None
        if tok.dep_ == "acl" and before is not None and any(c.dep_ == "dobj" for c in children) \
                and before.pos_ in ("NOUN", "PROPN") and before.dep_ == "conj":
            # "banned protests and police arrested leaders": a participle with an object is no
            # reduced relative ("protests arrested"); the noun joined before it acts
            return [before]
        if tok.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in children) and \
                tok.head.lemma_.lower() in _holder_nouns(ctx):
            return _noun_holders(ctx, tok.head)  # "its intention to", "in a move to curb"
        if tok.dep_ == "xcomp":  # "asked Obama to help", "called on Serbia to withdraw": the object acts
            head_children = ctx.children(tok.head)
            objs = [c for c in head_children if c.dep_ == "dobj"] or [
                p for c in head_children if c.dep_ == "prep" and c.lower_ in ("on", "upon")
                and tok.head.lemma_ in _ON_ADDRESSEE for p in ctx.children(c) if p.dep_ == "pobj"]
            if objs:
                return objs
        if _misparsed_main_verb(ctx, tok, children):
            tok = tok.head  # "Jihadists linked to IS have killed 14 soldiers"
            continue
        purpose = tok.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to"
                                              for c in children) and _plain_purpose(ctx, tok.head)
        if tok.dep_ in ("xcomp", "conj", "acomp") or purpose or (
                tok.dep_ == "advcl" and tok.head.pos_ != "AUX" and not is_passive(ctx, tok.head)
                and (tok.tag_ == "VBG" or _listed_act(ctx, tok))):  # "were killed in shelling": not the shellers
            tok = tok.head
            continue
        if tok.dep_ == "pcomp" and tok.tag_ == "VBG" and tok.head.dep_ == "prep" and \
                tok.head.lower_ in ctx.knowledge.words["shared_subject_prep"] and \
                tok.head.head.pos_ == "VERB" and not is_passive(ctx, tok.head.head):
            tok = tok.head.head  # "retaliated by destroying targets", "left after meeting X"
            continue
        if tok.dep_ == "pcomp" and tok.tag_ == "VBG" and tok.head.lower_ == "for" and \
                tok.head.head.pos_ == "VERB":
            objs = [c for c in ctx.children(tok.head.head) if c.dep_ == "dobj"]
            if objs:  # "sanctioned the junta for ousting the president": the object acts
                return objs
        if tok.dep_ == "acl" and tok.tag_ == "VBG" and tok.head.pos_ in ("NOUN", "PROPN") and \
                any(c.dep_ == "dobj" for c in children):
            return [tok.head]  # "ground troops battling the militants"
        break
    return []


def _holder_nouns(ctx: DocContext) -> frozenset[str]:
    words = ctx.knowledge.words
    return words["intent_noun"] | words["endeavour_noun"]


def _noun_holders(ctx: DocContext, noun: Token) -> list[Token]:
    """Who holds an intention or effort noun: its possessor ("their commitment", "the
    government's efforts") or "by" phrase ("the agreement by Ethiopia and Egypt"), else the
    subject of the verb that holds it ("expressed an intention", "is in agreement", "in a move
    to"; not "rejected the plan")."""
    owners = [c for c in ctx.children(noun) if c.dep_ == "poss"] or pobjs(ctx, noun, {"by"})
    if owners:
        return owners
    head = noun.head.head if noun.dep_ == "pobj" and noun.head.dep_ == "prep" else noun.head
    if head.pos_ in ("VERB", "AUX") and head.i != noun.i and (noun.dep_ in ("pobj", "attr") or (
            noun.dep_ == "dobj" and head.lemma_.lower() in ctx.knowledge.words["holding_verb"])):
        return subjects(ctx, head)
    return []


def acts_on_each_other(ctx: DocContext, verb: Token) -> bool:
    """'accused each other', 'blamed each other Monday' (parsed as a date's modifiers), 'talks
    with one another', 'each side accusing the other': the act's object is the parties
    themselves."""
    reciprocal = ctx.knowledge.words["reciprocal_word"]
    return any(c.lower_ in reciprocal and c.i > verb.i for o in ctx.children(verb)
               if o.dep_ in ("dobj", "pobj", "prep", "npadvmod") for c in ctx.subtree(o))


def _listed_act(ctx: DocContext, verb: Token) -> bool:
    """'The rebels seized buildings, killed eight civilians and took hostages': a past form
    with an object after a comma, which the parser hangs on the first verb as a clause of its
    own, is the next act in a list (a participle with an object is no passive)."""
    return verb.tag_ in ("VBD", "VBN") and verb.i > verb.head.i and \
        ctx.tokens[verb.i - 1].text == "," and any(c.dep_ == "dobj" for c in ctx.children(verb)) \
        and not any(c.dep_ in ("mark", "advmod") and c.i < verb.i for c in ctx.children(verb))


def _misparsed_main_verb(ctx: DocContext, tok: Token, children: list[Token]) -> bool:
    """'Jihadists linked to the Islamic State group have killed 14 soldiers': the parser
    makes the bare participle 'linked' the clause's verb and 'have killed' an adverbial clause
    of it. A finite verb group (with its own auxiliary) hanging with no subordinator on a
    participle (tagged as such or as a past tense) that has none, and no object, is the main
    verb, and the participle's subject is its subject."""
    if tok.dep_ != "advcl" or tok.head.tag_ not in ("VBN", "VBD") or tok.i < tok.head.i:
        return False
    if any(c.dep_ == "mark" or c.dep_ == "advmod" and c.tag_ == "WRB" for c in children):
        return False
    if not any(c.dep_ == "aux" and c.lower_ in ctx.knowledge.words["finite_auxiliary"]
               for c in children):
        return False
    # a reduced relative ('linked to', 'backed by') has no auxiliary and no object
    return not any(c.dep_ in ("aux", "auxpass", "dobj") for c in ctx.children(tok.head))


def _plain_purpose(ctx: DocContext, head: Token) -> bool:
    """'staged rallies to demand reform': the subject of the head also demands. Not when the
    head is passive or names another party who may be the one to act ('gave permission to
    Russia to help', 'was pressured by Congress to help')."""
    if is_passive(ctx, head):
        return False
    for c in ctx.children(head):
        if c.dep_ in ("dobj", "dative") and c.pos_ == "PROPN":
            return False
        if c.dep_ in ("prep", "dative", "agent") and any(
                p.pos_ == "PROPN" for p in ctx.children(c) if p.dep_ == "pobj"):
            return False
    return True


def expand_conjuncts(ctx: DocContext, heads: list[Token]) -> list[Token]:
    """Coordinated heads: 'the US, Britain and Canada' -> each of them."""
    out: list[Token] = []
    for h in heads:
        stack = [h]
        while stack:
            t = stack.pop(0)
            if t not in out:
                out.append(t)
            stack.extend(c for c in ctx.children(t) if c.dep_ == "conj")
    return out


def is_passive(ctx: DocContext, verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in ctx.children(verb))


def definite(ctx: DocContext, tok: Token) -> bool:
    """Whether a noun has a definite determiner ("the attack", "these soldiers")."""
    return any(c.dep_ == "det" and c.lower_ in ctx.knowledge.words["definite_det"]
               for c in ctx.children(tok))


def pobjs(ctx: DocContext, tok: Token, preps: frozenset[str] | set[str]) -> list[Token]:
    """Objects of the token's prepositions that are among `preps`."""
    out = []
    for c in ctx.children(tok):
        if c.dep_ in ("prep", "agent", "dative") and c.lower_ in preps:
            out.extend(p for p in ctx.children(c) if p.dep_ == "pobj")
    return out
