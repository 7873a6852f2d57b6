"""Whom acts at home are on when the text names no one of another country: the people a state
coerces ("police detained 15 members of a coup plot") and the government a protest is against
("thousands of Iraqi Kurds demonstrated")."""
from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from dyadwatch.kb.countries import iso_countries
from dyadwatch.records import Actor

if TYPE_CHECKING:
    from dyadwatch.coding.actors import ActorResolver


class HomeActors:
    def __init__(self, resolver: ActorResolver) -> None:
        self.resolver = resolver
        self.ctx, self.rules = resolver.ctx, resolver.rules

    def acted_on(self, tok: Token, source: Actor, persons: bool = True) -> Actor | None:
        """People or things named without a nationality, and persons the dictionaries lack, that
        a country (the state, or its government, police, forces or armed groups) coerces or
        attacks, in an article about that country and a sentence that names no other: of the
        source's country ("detained 15 members of a coup plot", "seized government buildings",
        "police arrested Tamara Davila"); persons only if `persons` (not for expulsions, which
        act on foreigners)."""
        country = source.country
        mention = self.ctx.mention_at.get(tok.i)
        unlisted_person = persons and mention is not None and mention.is_person and \
            mention.entry is None
        if not country or not (unlisted_person or (tok.pos_ == "NOUN" and mention is None)) or \
                (source.sector or "GOV") not in self.rules.codes("home_actor_sectors") or \
                self.ctx.article_country not in (None, country) or \
                self._names_abroad(tok.sent, country):
            return None
        np = self.resolver._np_tokens(tok)
        name = mention.person_name if unlisted_person else \
            " ".join(t.text for t in np if t.dep_ != "det")
        return self.resolver._actor(np, name, country,
                                    f"{tok.text!r} named without a nationality, acted on at home")

    def protested(self, verb: Token, src_tok: Token, source: Actor) -> Actor | None:
        """Whom a protest that names no one is against: the government of the protesters'
        own country, when the article is about that country and the sentence names no other
        ("thousands of Iraqi Kurds demonstrated on Sunday"). The protesters are people of a
        sector that protests, or people named by nationality only, not a state."""
        country = source.country
        if not country or not self.people(src_tok, source) or \
                self.ctx.article_country not in (None, country) or \
                self._names_abroad(verb.sent, country):
            return None
        return self.government(verb, country, "against its own government")

    def people(self, tok: Token, actor: Actor) -> bool:
        """Whether an actor is people who protest (the opposition, civilians, workers,
        students, activists) or people named by nationality only, not a state."""
        mention = self.ctx.mention_at.get(tok.i)
        return actor.sector in self.rules.codes("protest_sectors") or (
            not actor.sector and not (mention and mention.entry and mention.entry.kind == "country"))

    def government(self, verb: Token, country: str, who: str) -> Actor:
        """A country's government as an actor no word names, traced to the verb."""
        return self.resolver._actor([verb], iso_countries().get(country, country), country + "GOV",
                                    f"{verb.text!r} names no one: {who}")

    def _names_abroad(self, sent: Span, country: str) -> bool:
        """Whether a sentence names a place or an actor of a country other than `country`."""
        return bool(self.ctx.countries_named(sent.start, sent.end, media=False) - {country})
