"""Human-readable accounts of what the coder did: `dyadwatch explain` and `actors lookup`."""
from __future__ import annotations

from dyadwatch.kb.names import alias_key


def explain_lines(ex) -> list[str]:
    out = ["PARSE  (token  lemma  POS  dependency -> head  entity)"]
    for t in ex.doc:
        if t.is_space:
            continue
        ent = t.ent_type_ or ""
        out.append(f"  {t.i:>3} {t.text:<16} {t.lemma_:<14} {t.pos_:<6} {t.dep_:<10} -> "
                   f"{t.head.i:>3} {t.head.text:<14} {ent}")
    out.append("")
    out.append("ACTOR MENTIONS (dictionary, longest match)")
    for m in ex.context.mentions:
        e = m.entry
        what = f"{e.name} [{e.code}] from {('user', 'curated', 'ISO', 'Phoenix')[e.priority]}" \
            if e else "person not in the dictionaries"
        out.append(f"  {m.text!r:<32} -> {what}")
    out.append("")
    out.append("VERB CANDIDATES")
    model = ex.context.knowledge.event_model
    for c in ex.candidates:
        mark = "KEPT" if c.kept else "dropped"
        out.append(f"  {c.trigger!r}: {c.pattern}  => {mark}: {c.reason}")
        for e in c.events:
            tgt = f"{e.target.text!r} = {e.target.name} [{e.target.code}] ({e.target.how})" \
                if e.target else "no target"
            out.append(f"      source {e.source.text!r} = {e.source.name} [{e.source.code}] "
                       f"({e.source.how})")
            out.append(f"      target {tgt}")
            if model is not None:
                prob = model.probability(e.features)
                verdict = "kept" if e in ex.extraction.events else "dropped"
                why = ", ".join(f"{k} {w:+.2f}" for k, w in model.strongest(e.features))
                out.append(f"      model: p={prob:.2f} ({verdict}; threshold {model.threshold}): {why}")
    out.append("")
    out.append("EVENTS")
    for e in ex.extraction.events:
        out.append(f"  {e.source.code} -{e.cameo}-> {e.target.code if e.target else '-'}  "
                   f"goldstein {e.goldstein}  quad {e.quad_class}  plover {e.plover['type']}  "
                   f"negated={e.negated} context={e.context} date={e.date} ({e.date_source}) "
                   f"confidence={e.confidence}")
    if not ex.extraction.events:
        out.append("  (none)")
    out.append("")
    out.append("QUOTES")
    for q in ex.extraction.quotes:
        sp = f"{q.speaker.name or q.speaker.text} [{q.speaker.code}]" if q.speaker else "unknown"
        out.append(f"  {q.kind}: {sp} via {q.cue!r}: {q.text[:100]!r}")
    if not ex.extraction.quotes:
        out.append("  (none)")
    return out


def lookup_lines(pipeline, name: str, date: str | None) -> list[str]:
    kb = pipeline.knowledge.actors
    entries = kb.aliases.get(alias_key(name), [])
    if not entries:
        role = kb.role(name)
        if role:
            return [f"{name!r} is a role word: sector {role.sector}"
                    + (" (a single office holder)" if role.office else "")]
        actor = pipeline.resolve_phrase(name, date)  # "the German defence minister"
        if actor is not None:
            return [f"{name!r} on {date or 'an unknown date'} -> {actor.name} [{actor.code}] "
                    f"country={actor.country} sector={actor.sector}", f"  why: {actor.how}"]
        return [f"{name!r}: not in the actor dictionaries. Add it to a file given with --actors "
                f"(see README, 'User dictionaries')."]
    chosen = kb.lookup(name, date)
    out = [f"{name!r} on {date or 'an unknown date'} -> {chosen.name} [{chosen.code}] "
           f"country={chosen.country} sector={chosen.sector}"]
    out.append("candidates (source priority: user < curated < ISO < Phoenix; the best source wins, "
               "then the period covering the date):")
    src = ("user", "curated", "ISO", "Phoenix")
    for e in sorted(entries, key=lambda e: (e.priority, e.start)):
        period = f"{e.start or '…'} to {e.end or '…'}" if (e.start or e.end) else "any date"
        out.append(f"  {src[e.priority]:<8} {e.name:<28} {e.code:<10} {period:<26} {e.role}")
    return out
