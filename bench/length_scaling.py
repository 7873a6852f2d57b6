#!/usr/bin/env python3
"""Words per second of the pipeline by article length: is the cost linear in the length?

    python bench/length_scaling.py [--lengths 200,1000,5000,50000] [--words 50000] [--rounds 2]
                                   [--profile DIR]

Articles of each length are built by joining news-like paragraphs (the bundled sample
article's and synthetic reports', `dyadwatch.io.synth`), shuffled, with blank lines between
them; every length gets the same number of words in all (`--words`: 250 articles of 200 words,
one of 50,000). Rounds alternate the lengths so that all see the same load. Prints one JSON
line: words/s per length (median of the rounds) and each as a ratio to the shortest.

`--profile DIR` also runs cProfile over each length once and writes DIR/length-<n>.prof and
DIR/length_profile.txt: per function of dyadwatch, seconds at each length (the same words in
all), and the growth from the second-longest to the longest length; a function whose time
grows with the article's length, the words being the same, is superlinear.
"""
from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def paragraphs(seed: int = 5) -> list[str]:
    from dyadwatch.io import synth

    sample = (ROOT / "src" / "dyadwatch" / "data" / "sample_article.txt").read_text(encoding="utf-8")
    out = [p.strip() for p in sample.split("\n\n") if p.strip()]
    out += [d["text"] for d in synth.corpus(400, 4, seed=seed)]
    return out


def article(n_words: int, pool: list[str], rng: random.Random) -> str:
    parts, words = [], 0
    while words < n_words:
        p = rng.choice(pool)
        parts.append(p)
        words += len(p.split())
    return "\n\n".join(parts)


def corpus(lengths: list[int], total_words: int, seed: int = 1) -> dict[int, list[str]]:
    pool, rng = paragraphs(), random.Random(seed)
    return {n: [article(n, pool, rng) for _ in range(max(1, total_words // n))] for n in lengths}


def run(pipeline, texts: list[str]) -> float:
    from dyadwatch.records import Failure, InputDocument

    start = time.perf_counter()
    for r in pipeline.process_many(InputDocument(str(i), t, "2021-06-11")
                                   for i, t in enumerate(texts)):
        if isinstance(r, Failure):
            raise SystemExit(f"{r.doc_id}: {r.reason}")
    return time.perf_counter() - start


def profile(pipeline, docs: dict[int, list[str]], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    stats = {}
    for n, texts in docs.items():
        prof = cProfile.Profile()
        prof.runcall(run, pipeline, texts)
        prof.dump_stats(out / f"length-{n}.prof")
        stats[n] = pstats.Stats(prof).stats  # (file, line, name) -> (cc, nc, tt, ct, callers)
    lengths = sorted(stats)
    a, b = lengths[-2], lengths[-1]
    totals = {n: sum(v[2] for v in stats[n].values()) for n in lengths}
    rows = []
    for func in set(stats[a]) | set(stats[b]):
        if "dyadwatch" not in func[0] and "spacy" not in func[0] and "re/" not in func[0]:
            continue
        cum = {n: stats[n].get(func, (0, 0, 0, 0))[3] for n in lengths}
        own = {n: stats[n].get(func, (0, 0, 0, 0))[2] for n in lengths}
        rows.append((own[b] - own[a], func, own, cum))
    rows.sort(reverse=True)
    words = {n: sum(len(t.split()) for t in docs[n]) for n in lengths}
    head = ", ".join(f"{n} words: {totals[n]:.1f} s ({words[n]} words)" for n in lengths)
    lines = [f"total profiled seconds: {head}",
             (f"functions by the growth of their own time from {a} to {b} words "
              f"(same words in all; share = of the run's total at that length)"),
             (f"{'own s ' + str(a):>12} {'share':>6} {'own s ' + str(b):>12} {'share':>6} "
              f"{'cum s ' + str(a):>12} {'cum s ' + str(b):>12}  function")]
    for _, (file, line, name), own, cum in rows[:40]:
        short = file.split("site-packages/")[-1].split("src/")[-1]
        lines.append(f"{own[a]:12.2f} {own[a] / totals[a]:6.1%} {own[b]:12.2f} "
                     f"{own[b] / totals[b]:6.1%} {cum[a]:12.2f} {cum[b]:12.2f}  "
                     f"{short}:{line}({name})")
    (out / "length_profile.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines[:25]), file=sys.stderr)


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lengths", default="200,1000,5000,50000")
    ap.add_argument("--words", type=int, default=50_000, help="words per length, in all")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--profile", metavar="DIR")
    args = ap.parse_args(argv)
    from dyadwatch.pipeline import Pipeline

    lengths = sorted(int(x) for x in args.lengths.split(","))
    docs = corpus(lengths, args.words)
    pipeline = Pipeline()
    run(pipeline, docs[lengths[0]][:20])  # warm-up: knowledge, matchers, caches
    rates: dict[int, list[float]] = {n: [] for n in lengths}
    for r in range(args.rounds):
        for n in (lengths if r % 2 == 0 else lengths[::-1]):
            words = sum(len(t.split()) for t in docs[n])
            rates[n].append(words / run(pipeline, docs[n]))
    median = {n: statistics.median(v) for n, v in rates.items()}
    result = {"lengths": lengths, "words_per_length": args.words, "rounds": args.rounds,
              "words_per_s": {n: round(median[n]) for n in lengths},
              "ratio_to_shortest": {n: round(median[n] / median[lengths[0]], 2) for n in lengths},
              "rounds_words_per_s": {n: [round(x) for x in v] for n, v in rates.items()}}
    if args.profile:
        profile(pipeline, docs, Path(args.profile))
    print(json.dumps(result))
    return result


if __name__ == "__main__":
    main()
