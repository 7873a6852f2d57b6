#!/usr/bin/env python3
"""Who is source and who is target: dyadwatch's events against ConfliBERT's cameo_ner spans.

    python bench/cameo_roles.py [train|test] [--show-misses]

ConfliBERT's cameo_ner files tag, in each news sentence, the source (S) and target (T) of its
main event (BIO tags; the sentences are those of cameo_class). For every sentence with both
an S and a T span, a sentence counts as found when one of dyadwatch's events has a source
whose words overlap the S span and a target whose words overlap the T span; "source only"
counts the source side alone. Tune on train; run test once.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from _report import report

NER = Path(__file__).resolve().parents[2] / "shared/data/anchors/ConfliBERT/data/cameo_ner"
STOP = {"the", "a", "an", "of", "and", "in", "on", "for", "to", "'s", "s"}


def sentences(split: str):
    """(text, {"S": words, "T": words}) per sentence of the BIO file."""
    words, spans = [], {"S": [], "T": []}
    for line in open(NER / f"{split}.txt", encoding="utf-8"):
        line = line.rstrip("\n")
        if not line.strip():
            if words:
                yield " ".join(words), spans
            words, spans = [], {"S": [], "T": []}
            continue
        word, _, tag = line.rpartition(" ")
        words.append(word)
        if tag[2:] in spans:
            spans[tag[2:]].append(word)
    if words:
        yield " ".join(words), spans


def content(text: str) -> set[str]:
    return {w for w in re.findall(r"[\w.-]+", text.lower()) if w not in STOP}


def overlaps(actor: dict | None, gold: list[str]) -> bool:
    return bool(actor) and bool(content(actor.get("text") or "") & content(" ".join(gold)))


def main(argv: list[str]) -> dict:
    from dyadwatch import extract_batch

    split = next((a for a in argv if a in ("train", "test")), "train")
    rows = [(t, s) for t, s in sentences(split) if s["S"] and s["T"]]
    results = extract_batch([(str(i), t) for i, (t, _) in enumerate(rows)])
    tally = {"split": split, "sentences": len(rows), "source_found": 0, "source_and_target_found": 0}
    misses = []
    for (text, spans), res in zip(rows, results):
        events = [e.to_dict() for e in getattr(res, "events", [])]
        src = [e for e in events if overlaps(e["source"], spans["S"])]
        both = [e for e in src if overlaps(e.get("target"), spans["T"])]
        tally["source_found"] += bool(src)
        tally["source_and_target_found"] += bool(both)
        if not both:
            got = [(e["source"]["text"], e["cameo"], (e.get("target") or {}).get("text")) for e in events]
            misses.append(f"S={' '.join(spans['S'])!r} T={' '.join(spans['T'])!r} got {got}\n    {text}")
    return report(tally, {"source_recall": ("source_found", "sentences"),
                          "source_and_target_recall": ("source_and_target_found", "sentences")},
                  misses, argv)


if __name__ == "__main__":
    main(sys.argv[1:])
