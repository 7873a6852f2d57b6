"""Who a verb's act is by and on, before any word is resolved to an actor: the subject and
object of an active verb, the agent and subject of a passive (or, when the passive names no
agent, whoever the act itself implies), the giver and receiver of what is received."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from dyadwatch.coding.context import DocContext
from dyadwatch.coding.events import doers, envoys, roles
from dyadwatch.coding.syntax import is_passive, subjects
from dyadwatch.kb.codebook import Code
from dyadwatch.kb.lexicon import VerbPattern
from dyadwatch.records import Actor


@dataclass(slots=True)
class Slots:
    sources: list[Token]  # the words naming who acts
    objects: list[Token] | None  # the words it acts on; None: the verb's own objects
    implied: Actor | None = None  # a source no word names, implied by the act
    doubt: float = 0.0  # how much less sure the rule is than for a plain active verb


def slots(ctx: DocContext, verb: Token, index: int, pattern: VerbPattern,
          code: Code) -> Slots | str:
    """The verb's slots, or why it has no source."""
    rules = ctx.knowledge.cameo_rules
    subj_heads = [s for h in roles.coordinated(ctx, subjects(ctx, verb))
                  for s in roles.issuers(ctx, h) or [h]]
    if is_passive(ctx, verb):
        agents = [p for c in ctx.children(verb) if c.dep_ == "agent" for p in ctx.children(c)
                  if p.dep_ == "pobj"]
        on_envoy = code.root in rules.codes("envoy_host_roots")
        hosts = envoys.envoy_hosts(ctx, subj_heads)  # the countries the subjects are posted to
        if agents and on_envoy and hosts and not any(ctx.actors.resolve(a) for a in agents):
            # "the Maldives envoy to India was summoned by the Ministry of External Affairs":
            # a ministry no dictionary places is of the country of the envoy's post
            return Slots(hosts, subj_heads, doubt=0.1)
        if agents:
            return Slots(roles.coordinated(ctx, agents), subj_heads)
        if "patient_acts" in pattern.flags:
            # "the Kenyan ambassador to Somalia has been recalled": on the country of his post
            return Slots(subj_heads, hosts, doubt=0.1)
        if owners := doers.instrument_owners(ctx, verb):
            # "killed in Israeli shelling", "wounded in a Russian airstrike"
            return Slots(owners, subj_heads, doubt=0.1)
        if on_envoy and hosts:
            # "the Russian ambassador to the Netherlands has been summoned"
            return Slots(hosts, subj_heads, doubt=0.1)
        if on_envoy and (summoner := envoys.summoning_state(ctx, verb, subj_heads)) is not None:
            # "the Afghan charge d'affaires was summoned to the foreign ministry"
            return Slots([], subj_heads, summoner, doubt=0.1)
        if code.code in rules.codes("implied_state_codes") and \
                (state := roles.implied_state(ctx, verb, index)) is not None:
            # "Sikhala was sentenced to two years", "three journalists were arrested in
            # Harare": only a state's police and courts do that
            return Slots([], subj_heads, state, doubt=0.1)
        return "passive without an agent: the source is unknown"
    if "received" in pattern.flags:
        # "the convoy came under attack by Taliban insurgents", "the junta has the support
        # of China": the subject receives or suffers it
        agents = doers.received_from(ctx, verb, code.root == rules.code("accusation_root"))
        if not agents:
            return "received, and no one named who gave it"
        return Slots(roles.coordinated(ctx, agents), subj_heads)
    if verb.lemma_.lower() in ctx.knowledge.words["dying_verb"] and \
            (owners := doers.instrument_owners(ctx, verb)):
        # "28 people died in an attack claimed by al-Shabaab": they suffered it, as in a passive
        return Slots(owners, subj_heads, doubt=0.1)
    return Slots(subj_heads, None)
