"""What the event model reads about a candidate event: the rule and dictionary it came from,
how each actor was resolved, its code, its modality, whether it stands in a quote, the
trigger's tense, its place in the article. Names only (one-hot) and a few bucketed numbers."""
from __future__ import annotations

from spacy.tokens import Span, Token

from dyadwatch.coding.context import DocContext
from dyadwatch.coding.syntax import is_passive
from dyadwatch.kb.codebook import Code
from dyadwatch.kb.lexicon import VerbPattern
from dyadwatch.records import Actor

# the first words of `Actor.how`, as the resolver writes them, and the kind each stands for
_HOW = (("pronoun", "pronoun"), ("dictionary", "dictionary"), ("place name", "place"),
        ("person in phrase", "person"), ("title in apposition", "person"), ("role", "role"),
        ("phrase names", "phrase"), ("associated", "associated"), ("coordinated", "role"),
        ("counterpart", "counterpart"), ("one of", "pair"), ("the ", "office"),
        ("speaker", "unknown"), ("act named before", "act"), ("named in context", "context"),
        ("implied", "implied"))


def _how(actor: Actor | None) -> str:
    if actor is None:
        return "none"
    how = actor.how.lstrip("'\"")
    for prefix, kind in _HOW:
        if how.startswith(prefix):
            return kind
    return "other"


def _rule_source(pattern: VerbPattern) -> str:
    return pattern.source.split(":")[0].split(" ")[0]


def _sense(verb: Token, pattern: VerbPattern) -> str:
    """The verb, and the words of a pattern that fixed its sense: 'announce' codes little on
    its own, 'announce ... state of emergency' much."""
    words = " ".join(pattern.before + pattern.after)
    return f"{verb.lemma_.lower()} {words}" if words and pattern.source == "curated" \
        else verb.lemma_.lower()


def event_features(ctx: DocContext, verb: Token, sent: Span, index: int, source: Actor,
                   target: Actor | None, code: Code, context: list[str], negated: bool,
                   pattern: VerbPattern, date_how: str | None) -> dict[str, float]:
    f = {f"rule={_rule_source(pattern)}": 1.0, f"root={code.root}": 1.0,
         f"quad={code.quad_class}": 1.0, f"src={_how(source)}": 1.0, f"tgt={_how(target)}": 1.0,
         f"src_sector={source.sector or 'none'}": 1.0,
         f"tgt_sector={(target.sector or 'none') if target else 'no target'}": 1.0,
         f"tag={verb.tag_}": 1.0, f"date={date_how or 'none'}": 1.0,
         f"position={min(index, 9) // 3}": 1.0, f"length={min(len(sent) // 15, 4)}": 1.0,
         f"verb={_sense(verb, pattern)}": 1.0, f"code={code.code}": 1.0, "bias": 1.0}
    if pattern.specificity:
        f["specific_pattern"] = 1.0
    if target is not None and source.country and source.country == target.country:
        f["domestic"] = 1.0  # and how the target was found: "police arrested protesters" is
        f[f"domestic_tgt={_how(target)}"] = 1.0  # domestic; "Putin warned them" rarely is
    if target is not None and not target.country:
        f["target_without_country"] = 1.0
    if not source.country:
        f["source_without_country"] = 1.0
    if negated:
        f["negated"] = 1.0
    for c in context:
        f[f"context={c}"] = 1.0
    if ctx.in_quote(verb.idx):
        f["in_quote"] = 1.0
    if is_passive(ctx, verb):
        f["passive"] = 1.0
    if verb.dep_ in ("ROOT",):
        f["main_clause"] = 1.0
    elif verb.dep_ in ("relcl", "acl", "advcl", "ccomp", "xcomp"):
        f[f"clause={verb.dep_}"] = 1.0
    return f
