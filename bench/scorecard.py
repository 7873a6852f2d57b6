#!/usr/bin/env python3
"""Every accuracy measure of one dyadwatch checkout, with its raw predictions, in one run.

    python bench/scorecard.py --repo CHECKOUT --out DIR [--shared DIR] [--only NAME,...]
                              [--timeout SECONDS] [--hash-seed N]

Measures the checkout through its own `.venv` (`make install` there first): the
`dyadwatch extract` CLI, its `bench/` scripts and its pytest sets, each in a subprocess.
Nothing here imports dyadwatch, so two checkouts with different internal layouts can be
compared number for number (the summaries) and output for output (`diff -r OUT_A OUT_B`).

Shared data: --shared, else CHECKOUT/../shared, else the shared folder beside the
checkout this script lives in. The benches (ngec_actors, plover_gsr, cameo_roles,
cameo_annotators) look for it beside CHECKOUT only; link it there if it is elsewhere.

Measures (names for --only):
  seed, petr2, realnews_dev   gold sets, `tools/score.py GOLD PRED`
  cameo_class_test            `tools/score_pentaclass.py` on ConfliBERT's cameo_class test
  polnear_dev                 `tools/score_polnear.py` dev, plain and --speech-only
  ngec_actors, plover_gsr,    the checkout's benches (cameo_roles on the test split)
  cameo_roles_test, cameo_annotators
  handmade                    temporal expressions, place mentions, actor mentions
                              (tests/test_dates_places.py, tests/test_actors.py)

Writes to DIR: NAME.input.jsonl (extract input), NAME.pred.jsonl (extract output),
NAME*.txt (what each scorer or bench printed), logs/ (stderr: timings, warnings, not for
diffing) and summary.json. Prints a table on stderr and the summary as the last stdout line.
A measure that fails or times out is recorded as such; the others still run. Every command
runs with PYTHONHASHSEED fixed (--hash-seed, default 0): some output fields show the order
of a set, which otherwise changes from run to run. NGEC's "today" assertions use the run
date, kept in the summary.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

GOLD_SETS = {"seed": "seed.jsonl", "petr2": "petr2_validation.jsonl",
             "realnews_dev": "realnews_dev.jsonl"}
HANDMADE = re.compile(r"^\.*(temporal expressions|place mentions|actor mentions): (\d+)/(\d+)",
                      re.M)  # pytest's progress dots may come first
PYTEST_TIMING = re.compile(r"\b(passed|failed|error|errors|skipped)\b.* in [\d.]+s")


class Failed(Exception):
    pass


class Card:
    """One checkout, one output folder, and a way to run commands into it."""

    def __init__(self, repo: Path, out: Path, shared: Path, timeout: float, hash_seed: str):
        self.repo, self.out, self.shared, self.timeout = repo, out, shared, timeout
        self.env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        self.python = str(repo / ".venv/bin/python")
        self.dyadwatch = str(repo / ".venv/bin/dyadwatch")
        self.tools = shared / "tools"
        (out / "logs").mkdir(parents=True, exist_ok=True)

    def run(self, tag: str, cmd: list, cwd: Path | None = None, stdout: Path | None = None) -> str:
        """Run cmd; stdout goes to `stdout` (default DIR/tag.txt), stderr to DIR/logs/tag.err.
        Returns stdout's text; raises Failed on a non-zero exit or a timeout."""
        stdout = stdout or self.out / f"{tag}.txt"
        cmd = [str(c) for c in cmd]
        try:
            r = subprocess.run(cmd, cwd=cwd or self.repo, capture_output=True, text=True,
                               timeout=self.timeout, env=self.env)
        except subprocess.TimeoutExpired:
            raise Failed(f"{tag}: timed out after {self.timeout:.0f} s") from None
        stdout.write_text(r.stdout, encoding="utf-8")
        (self.out / "logs" / f"{tag}.err").write_text(" ".join(cmd) + "\n" + r.stderr,
                                                     encoding="utf-8")
        if r.returncode:
            tail = (r.stderr.strip().splitlines() or ["(no stderr)"])[-1]
            raise Failed(f"{tag}: exit {r.returncode}: {tail}")
        return r.stdout

    def extract(self, name: str, source: Path) -> dict:
        """`dyadwatch extract SOURCE` into DIR/name.pred.jsonl; the CLI's own count of documents."""
        pred = self.out / f"{name}.pred.jsonl"
        self.run(f"{name}.extract", [self.dyadwatch, "extract", source, "--format", "jsonl",
                                     "--out", pred], stdout=self.out / "logs" / f"{name}.out")
        err = (self.out / "logs" / f"{name}.extract.err").read_text(encoding="utf-8")
        m = re.search(r"(\d+) document\(s\) extracted, (\d+) skipped, (\d+) failed", err)
        return dict(zip(("extracted", "skipped", "failed"), map(int, m.groups()))) if m else {}

    def score(self, tag: str, cmd: list, cwd: Path | None = None) -> dict:
        """Run a scorer or bench whose last stdout line is JSON; return that object."""
        lines = self.run(tag, cmd, cwd).strip().splitlines()
        try:
            return json.loads(lines[-1])
        except (IndexError, json.JSONDecodeError):
            raise Failed(f"{tag}: last line is not JSON") from None


def gold_set(c: Card, name: str) -> dict:
    gold = c.shared / "gold" / GOLD_SETS[name]
    docs = c.extract(name, gold)
    return {**c.score(f"{name}.score", [sys.executable, c.tools / "score.py", gold,
                                        c.out / f"{name}.pred.jsonl"]), "extract": docs}


def cameo_class_test(c: Card) -> dict:
    name, scorer = "cameo_class_test", c.tools / "score_pentaclass.py"
    inp = c.out / f"{name}.input.jsonl"
    c.run(f"{name}.input", [sys.executable, scorer, "input", "test"], stdout=inp)
    docs = c.extract(name, inp)
    return {**c.score(f"{name}.score", [sys.executable, scorer, "score", "test",
                                        c.out / f"{name}.pred.jsonl"]), "extract": docs}


def polnear_dev(c: Card) -> dict:
    name, scorer = "polnear_dev", c.tools / "score_polnear.py"
    inp, pred = c.out / f"{name}.input.jsonl", c.out / f"{name}.pred.jsonl"
    c.run(f"{name}.input", [sys.executable, scorer, "input", "dev"], stdout=inp)
    docs = c.extract(name, inp)
    plain = c.score(f"{name}.score", [sys.executable, scorer, "score", "dev", pred])
    speech = c.score(f"{name}.score_speech", [sys.executable, scorer, "score", "dev", pred,
                                              "--speech-only"])
    return {**plain, "speech_only": speech, "extract": docs}


def bench(script: str, *args: str, flag: str = "--show-misses"):
    """A bench/ script of the checkout, run from bench/ with the misses listed."""
    def measure(c: Card) -> dict:
        tag = Path(script).stem + "".join(f"_{a}" for a in args)
        return c.score(tag, [c.python, script, *args, flag], cwd=c.repo / "bench")
    return measure


def handmade(c: Card) -> dict:
    tag = "handmade"
    try:
        c.run(tag, [c.python, "-m", "pytest", "tests/test_dates_places.py", "tests/test_actors.py",
                    "-s", "-q", "-p", "no:cacheprovider"])
        status = "passed"
    except Failed as exc:  # a failing threshold assertion still prints its count
        status = str(exc)
    text = (c.out / f"{tag}.txt").read_text(encoding="utf-8")
    (c.out / f"{tag}.txt").write_text("".join(l for l in text.splitlines(keepends=True)
                                              if not PYTEST_TIMING.search(l)), encoding="utf-8")
    found = {m[1].replace(" ", "_"): {"right": int(m[2]), "total": int(m[3]),
                                      "share": round(int(m[2]) / int(m[3]), 3)}
             for m in HANDMADE.finditer(text)}
    if not found:
        raise Failed(f"{tag}: no counts printed ({status})")
    return {**found, "pytest": status}


MEASURES = {
    **{name: (lambda c, n=name: gold_set(c, n)) for name in GOLD_SETS},
    "cameo_class_test": cameo_class_test,
    "polnear_dev": polnear_dev,
    "ngec_actors": bench("ngec_actors.py", flag="--show-failures"),
    "plover_gsr": bench("plover_gsr.py"),
    "cameo_roles_test": bench("cameo_roles.py", "test"),
    "cameo_annotators": bench("cameo_annotators.py"),
    "handmade": handmade,
}


def brief(name: str, r: dict) -> str:
    """The few numbers of a result worth a glance."""
    if "error" in r:
        return "FAILED " + r["error"]
    if name in GOLD_SETS:
        return (f"events P {r['event_precision']} R {r['event_recall']} F1 {r['event_f1']}; "
                f"quotes {r['quotes_found']}/{r['quotes_gold']}, speaker {r['speaker_accuracy']}")
    if name == "cameo_class_test":
        return f"accuracy {r['accuracy']}, macro F1 {r['macro_f1']} ({r['sentences']} sentences)"
    if name == "polnear_dev":
        s = r["speech_only"]
        return (f"P {r['precision']} R {r['recall']} F1 {r['f1']}, source {r['source_accuracy']}; "
                f"speech-only F1 {s['f1']}")
    if name == "ngec_actors":
        return f"{r['passed']}/{r['in_scope']} = {r['share_passed']}"
    if name == "handmade":
        return ", ".join(f"{k.split('_')[0]} {v['right']}/{v['total']}" for k, v in r.items()
                         if isinstance(v, dict)) + f" ({r['pytest']})"
    return ", ".join(f"{k} {v}" for k, v in r.items() if isinstance(v, float))


def checkout_id(repo: Path) -> str | None:
    """HEAD and whether the tree has local changes (read-only: no index refresh)."""
    def git(*args):
        return subprocess.run(["git", "--no-optional-locks", "-C", str(repo), *args],
                              capture_output=True, text=True).stdout.strip()
    head = git("rev-parse", "--short", "HEAD")
    return head and head + ("+local changes" if git("status", "--porcelain") else "")


def main(argv: list[str]) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repo", required=True, type=Path, help="the checkout to measure")
    ap.add_argument("--out", required=True, type=Path, help="folder for predictions and summary")
    ap.add_argument("--shared", type=Path, help="shared data (default: beside --repo)")
    ap.add_argument("--only", help="comma-separated measures: " + ", ".join(MEASURES))
    ap.add_argument("--timeout", type=float, default=1200, help="seconds per command (1200)")
    ap.add_argument("--hash-seed", default="0", help="PYTHONHASHSEED of every command (0); "
                    "fixed so that set order, which shows in some outputs, is the same run to run")
    args = ap.parse_args(argv)
    repo = args.repo.resolve()
    shared = args.shared or next((p for p in (repo.parent / "shared",
                                              Path(__file__).resolve().parents[2] / "shared")
                                  if (p / "tools").is_dir()), repo.parent / "shared")
    names = args.only.split(",") if args.only else list(MEASURES)
    unknown = [n for n in names if n not in MEASURES]
    if unknown:
        ap.error(f"unknown measure(s): {', '.join(unknown)}")
    card = Card(repo, args.out.resolve(), shared.resolve(), args.timeout, args.hash_seed)
    summary = {"repo": str(repo), "checkout": checkout_id(repo), "shared": str(card.shared),
               "date": dt.date.today().isoformat(), "hash_seed": args.hash_seed,
               "measures": {}, "seconds": {}}
    start = time.monotonic()
    for name in names:
        t0 = time.monotonic()
        try:
            result = MEASURES[name](card)
        except Failed as exc:
            result = {"error": str(exc)}
        summary["measures"][name] = result
        summary["seconds"][name] = round(time.monotonic() - t0, 1)
        try:
            line = brief(name, result)
        except (KeyError, TypeError, AttributeError):
            line = json.dumps(result)[:200]
        print(f"{name:>17} {summary['seconds'][name]:7.1f}s  {line}", file=sys.stderr, flush=True)
    summary["seconds"]["total"] = round(time.monotonic() - start, 1)
    (card.out / "summary.json").write_text(json.dumps(summary, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(summary))
    return summary


if __name__ == "__main__":
    main(sys.argv[1:])
