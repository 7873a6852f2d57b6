"""Who acts on an envoy a passive names no one for: the country of his post, or the
government of the ministry he was summoned to."""
from __future__ import annotations

from spacy.tokens import Token

from dyadwatch.coding.context import DocContext
from dyadwatch.coding.syntax import pobjs
from dyadwatch.records import Actor


def envoy_hosts(ctx: DocContext, heads: list[Token]) -> list[Token]:
    """Who acted on an envoy when a passive names no one: the country the envoy is posted to
    ("the Russian ambassador to the Netherlands has been summoned", "Kenyan envoys in Somalia
    have been ordered to leave")."""
    words = ctx.knowledge.words
    return [p for h in heads if h.lemma_.lower() in words["envoy_noun"]
            for p in pobjs(ctx, h, words["envoy_post_prep"])]


def summoning_state(ctx: DocContext, verb: Token, heads: list[Token]) -> Actor | None:
    """Who summoned an envoy the passive names no one for: the government of the ministry he
    was called to ("the Afghan charge d'affaires was summoned to the Ministry of Foreign
    Affairs"), a ministry the article's country has when its words name none; never the
    envoy's own."""
    envoys = ctx.knowledge.words["envoy_noun"]  # "the charge d'affaires": the title's first word
    if not any(t.lemma_.lower() in envoys for h in heads for t in ctx.doc[h.left_edge.i:h.i + 1]):
        return None
    kb = ctx.knowledge.actors
    ministry = next((p for p in pobjs(ctx, verb, {"to"})
                     if (role := kb.role(p.lemma_.lower())) is not None and role.sector == "GOV"), None)
    if ministry is None:
        return None
    envoy_country = next((a.country for h in heads if (a := ctx.actors.resolve(h)) and a.country), None)
    own = ctx.actors.resolve(ministry)
    country = own.country if own is not None and own.country else ctx.article_country
    if country is None or country == envoy_country:
        return None
    return ctx.actors._actor([ministry], f"the ministry of {country}", country + "GOV",
                             "implied: the ministry the envoy was summoned to")
