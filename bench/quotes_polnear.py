#!/usr/bin/env python3
"""dyadwatch's quotes against textacy's `direct_quotations` on PolNeAR, in one run.

    python bench/quotes_polnear.py [--split dev|test]

Both read the same articles with the same spaCy model; each one's predictions are scored by
../shared/tools/score_polnear.py (content-span P/R/F1, a match covering half the gold tokens;
source accuracy), plain and --speech-only. Documents per second include parsing for both.
textacy comes from the `bench` extra: pip install -e '.[bench]'. Tune on dev; test once.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
SCORER = SHARED / "tools" / "score_polnear.py"


def articles(split: str) -> list[dict]:
    out = subprocess.run([sys.executable, str(SCORER), "input", split], check=True,
                         capture_output=True, text=True).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def run_dyadwatch(docs):
    from dyadwatch.pipeline import Pipeline
    from dyadwatch.records import InputDocument

    pipeline = Pipeline()
    start = time.perf_counter()
    preds = [r.to_dict() for r in pipeline.process_many(InputDocument(d["id"], d["text"]) for d in docs)
             if hasattr(r, "quotes")]
    return preds, time.perf_counter() - start, 0


def run_textacy(docs):
    from textacy.extract.triples import direct_quotations

    from dyadwatch.text.parse import load_nlp

    nlp = load_nlp()
    preds, refused = [], 0
    start = time.perf_counter()
    for d, doc in zip(docs, nlp.pipe(d["text"] for d in docs)):
        quotes = []
        try:
            for q in direct_quotations(doc):
                speaker = " ".join(t.text for t in q.speaker)
                quotes.append({"text": q.content.text, "start": q.content.start_char,
                               "end": q.content.end_char, "speaker": {"text": speaker, "name": speaker}})
        except ValueError:  # textacy refuses a document with an odd number of quote marks
            refused += 1
        preds.append({"doc_id": d["id"], "quotes": quotes})
    return preds, time.perf_counter() - start, refused


def score(split: str, preds: list[dict], *flags: str) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as fh:
        fh.writelines(json.dumps(p) + "\n" for p in preds)
    out = subprocess.run([sys.executable, str(SCORER), "score", split, fh.name, *flags],
                         check=True, capture_output=True, text=True).stdout
    Path(fh.name).unlink()
    return json.loads(out.splitlines()[-1])


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="dev")
    args = ap.parse_args(argv)
    if not SCORER.exists():
        sys.exit(f"PolNeAR scorer not found at {SCORER}")
    docs = articles(args.split)
    rows = {}
    for name, runner in (("dyadwatch", run_dyadwatch), ("textacy", run_textacy)):
        preds, seconds, refused = runner(docs)
        plain, speech = score(args.split, preds), score(args.split, preds, "--speech-only")
        rows[name] = {"precision": plain["precision"], "recall": plain["recall"], "f1": plain["f1"],
                      "speech_only_f1": speech["f1"], "source_accuracy": plain["source_accuracy"],
                      "docs_per_s": round(len(docs) / seconds, 2), "refused_docs": refused}
    print(json.dumps({"split": args.split, "docs": len(docs), **rows}))


if __name__ == "__main__":
    main()
