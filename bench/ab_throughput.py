#!/usr/bin/env python3
"""The throughput ratio (dyadwatch words/s over bare spaCy's, `bench/throughput.py`) of two
commits, measured in one run: rounds alternate between them so that both see the same load.

    python bench/ab_throughput.py BASE_REV [--this REV] [--rounds 3] [--docs 300] [--texts FILE.jsonl]

BASE_REV (and REV, if given; else this working tree) is checked out into a temporary git
worktree; both run in this checkout's virtual environment (same spaCy, same model), each with
its own `src/` first on the path and its own `bench/throughput.py`. Prints one JSON line with
every round's ratio and the medians.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(tree: Path, args) -> dict:
    cmd = [sys.executable, str(tree / "bench" / "throughput.py"), "--docs", str(args.docs)]
    if args.texts:
        cmd += ["--texts", args.texts]
    env = {**os.environ, "PYTHONPATH": str(tree / "src")}
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True, cwd=tree)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _worktree(path: Path, rev: str) -> Path:
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(path), rev],
                   check=True, capture_output=True)
    return path


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("base")
    ap.add_argument("--this", help="a second commit instead of the working tree")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--texts", help="a JSON Lines file with 'text' (default: throughput.py's)")
    args = ap.parse_args(argv)
    if args.texts:
        args.texts = str(Path(args.texts).resolve())
    with tempfile.TemporaryDirectory() as tmp:
        trees = {"base": _worktree(Path(tmp) / "base", args.base)}
        trees["this"] = _worktree(Path(tmp) / "this", args.this) if args.this else ROOT
        (Path(tmp) / "shared").symlink_to(ROOT.parent / "shared")  # the texts they read
        try:
            ratios: dict[str, list[float]] = {"base": [], "this": []}
            for _ in range(args.rounds):
                for name, tree in trees.items():
                    ratios[name].append(run(tree, args)["ratio_dyadwatch_to_spacy"])
                    print(f"{name}: {ratios[name][-1]}", file=sys.stderr)
        finally:
            for tree in trees.values():
                if tree != ROOT:
                    subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force",
                                    str(tree)], check=False, capture_output=True)
    result = {"base": args.base, "this": args.this or "working tree", "rounds": args.rounds, "docs": args.docs, "ratios": ratios,
              "median_base": statistics.median(ratios["base"]),
              "median_this": statistics.median(ratios["this"])}
    print(json.dumps(result))
    return result


if __name__ == "__main__":
    main()
