"""Score extractions against a gold file (format: shared/gold/README.md).

Rules: an extracted event matches a gold event when the gold evidence is in its sentence,
its root is one of the gold roots and its (source, target) countries are the gold pair (either
way round when the gold event is symmetric); matching is one-to-one. Negated events, root 01
and events lacking a country on either side are not scored; events matching an optional gold
event are neither rewarded nor penalised. A gold quote is found when its evidence is inside an
extracted quote; the speaker is right when the speaker's name or text is the gold speaker or
an alias (case, a leading "the"/"Mr." and quote styles ignored).
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field

_FOLD = {ord(a): b for a, b in zip("“”„«»‘’‚–—", "\"\"\"\"\"'''--")}
_FOLD[ord("…")] = "..."
_TITLE = re.compile(r"^(?:the|mr|mrs|ms|dr)\.?\s+")


def canon(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "").translate(_FOLD).lower()
    return " ".join(text.split())


def canon_name(text: str | None) -> str:
    return _TITLE.sub("", canon(text)).strip(" .,'\"")


def load_jsonl(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    q_gold: int = 0
    q_found: int = 0
    q_right: int = 0
    q_extra: int = 0
    notes: dict[str, list[str]] = field(default_factory=dict)


def _root(ev: dict) -> str:
    r = ev.get("root") or str(ev.get("cameo") or "")[:2]
    return str(r).zfill(2) if r else ""


def _countries(ev: dict) -> tuple[str | None, str | None]:
    return ((ev.get("source") or {}).get("country"), (ev.get("target") or {}).get("country"))


def _fits(ev: dict, g: dict) -> bool:
    if canon(g["evidence"]) not in canon(ev.get("sentence")) or _root(ev) not in g["roots"]:
        return False
    pair, want = _countries(ev), (g["source"], g["target"])
    return pair == want or bool(g.get("symmetric")) and pair == want[::-1]


def _scorable(ev: dict) -> bool:
    """What the scorer scores: an event neither negated nor a mere statement, both of whose
    actors have a country."""
    return not ev.get("negated") and _root(ev) not in ("", "01") and all(_countries(ev))


def event_verdict(event: dict, gold: dict) -> bool | None:
    """Whether an extracted event (a dict of the output) matches any gold event of its
    document, required or optional; None when the scorer would not score it (negated, a
    statement, or an actor without a country)."""
    if not _scorable(event):
        return None
    return any(_fits(event, g) for g in gold.get("events", []))


def targetless_verdict(event: dict, gold: dict) -> bool | None:
    """Whether an event with a source of some country and no target is a gold event of its
    document without its target: one whose evidence is in the sentence, with the event's root
    and source (either side of a symmetric one). None for any other event. The scorer never
    scores these; the event model learns from them so that their confidence is a probability
    too."""
    source, target = _countries(event)
    if event.get("negated") or _root(event) in ("", "01") or not source or target or \
            event.get("target"):
        return None
    sentence = canon(event.get("sentence"))
    return any(canon(g["evidence"]) in sentence and _root(event) in g["roots"] and
               (g["source"] == source or bool(g.get("symmetric")) and g["target"] == source)
               for g in gold.get("events", []))


def _score_doc(gold: dict, pred: dict, t: Tally) -> None:
    notes = []
    scored = [e for e in pred.get("events", []) if _scorable(e)]
    taken: set[int] = set()
    for g in gold.get("events", []):
        if not g.get("required", True):
            continue
        hit = next((i for i, e in enumerate(scored) if i not in taken and _fits(e, g)), None)
        if hit is None:
            t.fn += 1
            notes.append(f"event missed: {g['source']}->{g['target']} {'/'.join(g['roots'])}: "
                         f"{g['evidence']}")
        else:
            taken.add(hit)
            t.tp += 1
    lenient = [g for g in gold.get("events", []) if not g.get("required", True) or g.get("symmetric")]
    for i, e in enumerate(scored):
        if i not in taken and not any(_fits(e, g) for g in lenient):
            t.fp += 1
            s, o = _countries(e)
            notes.append(f"event extra: {s}->{o} {_root(e)}: {(e.get('sentence') or '')[:90]}")
    quotes = pred.get("quotes", [])
    for g in gold.get("quotes", []):
        if not g.get("required", True):
            continue
        t.q_gold += 1
        found = [q for q in quotes if canon(g["evidence"]) in canon(q.get("text"))]
        if not found:
            notes.append(f"quote missed: {g['evidence']}")
            continue
        t.q_found += 1
        names = {canon_name(n) for n in [g["speaker"], *g.get("aliases", [])]}
        sp = found[0].get("speaker") or {}
        said = {canon_name(sp.get("name")), canon_name(sp.get("text"))} - {""}
        if said & names:
            t.q_right += 1
        else:
            notes.append(f"quote speaker {sorted(said) or None} != {g['speaker']}: {g['evidence']}")
    t.q_extra += sum(1 for q in quotes if not any(canon(g["evidence"]) in canon(q.get("text"))
                                                  for g in gold.get("quotes", [])))
    if notes:
        t.notes[str(gold["id"])] = notes


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score(gold: list[dict], preds: list[dict]) -> tuple[dict, dict[str, list[str]]]:
    """The summary (same keys and rounding as shared/tools/score.py) and per-document notes."""
    by_id = {str(p.get("doc_id", p.get("id"))): p for p in preds}
    t = Tally()
    missing = 0
    for g in gold:
        pred = by_id.get(str(g["id"]))
        if pred is None:
            missing += 1
        _score_doc(g, pred or {}, t)
    p = t.tp / (t.tp + t.fp) if t.tp + t.fp else 0.0
    r = t.tp / (t.tp + t.fn) if t.tp + t.fn else 0.0
    q_p = t.q_right / (t.q_found + t.q_extra) if t.q_found + t.q_extra else 0.0
    q_r = t.q_right / t.q_gold if t.q_gold else 0.0
    summary = {
        "docs": len(gold), "docs_missing": missing,
        "event_tp": t.tp, "event_fp": t.fp, "event_fn": t.fn,
        "event_precision": round(p, 3), "event_recall": round(r, 3), "event_f1": round(_f1(p, r), 3),
        "quotes_gold": t.q_gold, "quotes_found": t.q_found,
        "quote_recall": round(t.q_found / t.q_gold, 3) if t.q_gold else None,
        "speaker_accuracy": round(t.q_right / t.q_found, 3) if t.q_found else None,
        "quote_precision": round(t.q_found / (t.q_found + t.q_extra), 3)
        if t.q_found + t.q_extra else None,
        "quote_f1_with_speaker": round(_f1(q_p, q_r), 3),
    }
    return summary, t.notes


def format_report(notes: dict[str, list[str]]) -> list[str]:
    out = []
    for doc_id, lines in notes.items():
        out.append(f"# {doc_id}")
        out.extend("  " + line for line in lines)
    return out
