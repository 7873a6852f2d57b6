"""Force and protest by whom on whom: a side's own troops in a force posture, force verbs used
in words, riots, repression, the force of armed groups, and a state's protests (codes and
sectors: cameo_rules_curated.tsv)."""
from __future__ import annotations

from spacy.tokens import Token

from dyadwatch.coding.context import DocContext
from dyadwatch.kb.codebook import Code
from dyadwatch.kb.lexicon import VerbPattern
from dyadwatch.records import Actor


def own_forces(ctx: DocContext, root: str, source: Actor | None, target: Actor) -> bool:
    """'Both sides reinforced border troops': in a force posture, the side's own forces
    are what it moves, not whom it threatens."""
    rules = ctx.knowledge.cameo_rules
    return source is not None and root in rules.codes("posture_roots") and \
        target.country == source.country \
        and target.sector in rules.codes("armed_sectors")


def force_sense(ctx: DocContext, verb: Token, code: Code, src: tuple[Token, Actor],
                target: Actor | None) -> Code:
    """Protesters who storm a building riot (145); police who fire on, beat or shoot their
    own country's protesters and civilians repress (175); only the state represses: "the
    militants used guns" is force (190), "protesters used stones" a riot; a state that
    protests to another complains officially ("Ankara protests against acts of US personnel");
    gunmen or police who storm a place assault it (18), an army uses force (19); protesters
    and civilians who attack someone or something assault it (18)."""
    rules, book = ctx.knowledge.cameo_rules, ctx.knowledge.codebook
    tok, source = src
    if code.root == rules.code("protest_root") and target is not None and target.country and \
            target.country != source.country and \
            (source.sector or "") in rules.codes("official_protest_sectors") | {""} and \
            not ctx.actors.home.people(tok, source):
        return book.lookup(rules.code("official_protest")) or code
    if code.code == rules.code("repression") and source.sector and \
            source.sector not in rules.codes("state_force_sectors"):
        if source.sector in rules.codes("armed_sectors"):
            return book.lookup(rules.code("armed_group_force")) or code
        if ctx.actors.home.people(tok, source):
            return book.lookup(rules.code("riot")) or code
    if code.root not in rules.codes("force_roots"):
        return code
    if verb.lemma_.lower() in ctx.knowledge.words["riot_verb"] and \
            ctx.actors.home.people(tok, source):
        return book.lookup(rules.code("riot")) or code
    if source.sector in rules.codes("repressor_sectors") and target is not None and \
            target.country == source.country and \
            (target.sector or "") in rules.codes("repressed_sectors") | {""}:
        return book.lookup(rules.code("repression")) or code
    if verb.lemma_.lower() in ctx.knowledge.words["assault_verb"] and source.sector and \
            source.sector not in rules.codes("army_sectors"):
        return book.lookup(rules.code("assault")) or code  # "gunmen stormed the hotel"
    if verb.lemma_.lower() in ctx.knowledge.words["crowd_assault_verb"] and \
            source.sector in rules.codes("unarmed_crowd_sectors") and \
            any(c.dep_ == "dobj" for c in ctx.children(verb)):
        return book.lookup(rules.code("assault")) or code  # "protesters attacked the embassy"
    return code


def in_words(ctx: DocContext, pattern: VerbPattern, code: Code, source: Actor,
             target: Actor | None) -> bool:
    """A verb with a verbal sense ("attack", "hit") used by someone who bears no arms
    against no one or against their own country's people: criticism, not force. Police and
    troops attacked are attacked by force ("protesters attacked police officers"), and so is
    anyone a pattern names arms against ("hit the house with a barrel bomb")."""
    rules = ctx.knowledge.cameo_rules
    armed = rules.codes("armed_sectors")
    if set(pattern.before + pattern.after) & ctx.knowledge.words["armed_synset"]:
        return False  # "hit the house with a barrel bomb"
    return ("verbal_sense" in pattern.flags and code.root in rules.codes("force_roots")
            and bool(source.sector) and source.sector not in armed
            and (target is None or (target.country in (None, source.country) and
                                    target.sector not in armed)))
