#!/usr/bin/env python3
"""dyadwatch against human CAMEO coders: ConfliBERT's annotation rounds (CAMEO_ConfliBERT).

    python bench/cameo_annotators.py [--show-misses]

Ten training rounds of news sentences, each read by up to five coders who marked whether the
sentence holds a relevant political event and, if so, the CAMEO root of its main action.
Sentences with a majority (at least 3 of the coders who answered, ties left out) are kept.
Reported, on sentences the coders never saw through us (held out):
- relevance: precision and recall of "dyadwatch codes an event here" against the majority;
- root: on relevant sentences where we code something, the share whose events include the
  majority's root (statements, root 01, are the quotes' job and count as no event for us).
"""
from __future__ import annotations

import csv
import glob
import sys
from collections import Counter
from pathlib import Path

from _report import report

ROUNDS = Path(__file__).resolve().parents[2] / "shared/data/anchors/CAMEO_ConfliBERT/annotations"


def majority(values: list[str]) -> str | None:
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    (top, n), *rest = counts.most_common() + [(None, 0)]
    return top if n >= 3 and n > rest[0][1] else None


def sentences() -> list[tuple[str, bool, str | None]]:
    """(text, relevant, majority root or None), one per distinct sentence."""
    out, seen = [], set()
    for path in sorted(glob.glob(str(ROUNDS / "training_round_*" / "summary.csv"))):
        for row in csv.DictReader(open(path, encoding="utf-8")):
            text = row["sentences"].strip()
            relevant = majority([v for k, v in row.items() if k.startswith("1_Relevant_")])
            if not text or relevant is None or text in seen:
                continue
            seen.add(text)
            roots = [v.split(" ")[0].split("-")[-1].zfill(2)
                     for k, v in row.items() if k.startswith("Action1_CAMEO_") and v]
            out.append((text, relevant == "True", majority(roots)))
    return out


def main(argv: list[str]) -> dict:
    from dyadwatch import extract_batch

    rows = sentences()
    results = extract_batch([(str(i), t) for i, (t, _, _) in enumerate(rows)])
    tally = Counter(sentences=len(rows))
    misses = []
    for (text, relevant, root), res in zip(rows, results):
        roots = {e.root for e in getattr(res, "events", []) if not e.negated}
        coded = bool(roots)
        tally["relevant"] += relevant
        tally["coded"] += coded
        tally["coded_and_relevant"] += coded and relevant
        if relevant and coded and root and root != "01":
            tally["root_checked"] += 1
            tally["root_found"] += root in roots
        if coded != relevant or (relevant and root and root != "01" and coded and root not in roots):
            misses.append(f"relevant={relevant} root={root} ours={sorted(roots)}: {text[:160]}")
    return report(dict(tally), {"relevance_precision": ("coded_and_relevant", "coded"),
                                "relevance_recall": ("coded_and_relevant", "relevant"),
                                "root_agreement": ("root_found", "root_checked")}, misses, argv)


if __name__ == "__main__":
    main(sys.argv[1:])
