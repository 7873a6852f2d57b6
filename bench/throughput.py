#!/usr/bin/env python3
"""Words per second of the dyadwatch pipeline against bare spaCy, same model, same texts, one run.

    python bench/throughput.py [--docs N] [--model NAME] [--texts FILE.jsonl]

Texts: the bundled sample article plus, when ../shared is beside the clone, the seed article
and the PETRARCH-2 validation sentences (a JSON Lines file with "text" can be given instead),
cycled to N documents. Both runs use `nlp.pipe` with the same batch size, and the first pass
of each warms up caches before the timed pass. Prints one JSON line.
"""
from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def corpus(path: str | None) -> list[str]:
    from dyadwatch.cli.extract import sample_article

    texts = [sample_article()[0]]
    files = [Path(path)] if path else [ROOT.parent / "shared" / "gold" / "seed.jsonl",
                                       ROOT.parent / "shared" / "gold" / "petr2_validation.jsonl"]
    for f in files:
        if f.exists():
            texts += [json.loads(line)["text"] for line in f.open(encoding="utf-8") if line.strip()]
    return [t for t in texts if t.strip()]


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--model")
    ap.add_argument("--texts")
    args = ap.parse_args(argv)

    from dyadwatch.pipeline import Pipeline
    from dyadwatch.records import InputDocument

    pipeline = Pipeline(model=args.model)
    nlp = pipeline.nlp
    texts = list(itertools.islice(itertools.cycle(corpus(args.texts)), args.docs))
    words = sum(len(t.split()) for t in texts)

    def bare():
        for _ in nlp.pipe(texts, batch_size=16):
            pass

    def ours():
        for _ in pipeline.process_many(InputDocument(str(i), t, "2021-06-11")
                                       for i, t in enumerate(texts)):
            pass

    timings = {}
    for name, fn in (("spacy", bare), ("dyadwatch", ours)):
        fn()  # warm-up
        start = time.perf_counter()
        fn()
        timings[name] = time.perf_counter() - start
    result = {
        "model": f"{nlp.meta['lang']}_{nlp.meta['name']}-{nlp.meta['version']}",
        "docs": len(texts), "words": words,
        "spacy_words_per_s": round(words / timings["spacy"]),
        "dyadwatch_words_per_s": round(words / timings["dyadwatch"]),
        "ratio_dyadwatch_to_spacy": round(timings["spacy"] / timings["dyadwatch"], 3),
    }
    print(json.dumps(result))
    return result


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
