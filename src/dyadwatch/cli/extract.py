"""Verbs that run the pipeline on text and print the result: extract, quotes, demo, eval,
explain and `actors lookup`; and `sample_article()`, the bundled article they demonstrate on."""
from __future__ import annotations

import contextlib
import json
import sys
from importlib import resources

from dyadwatch.cli.common import check_day, check_published, fail, input_options
from dyadwatch.io.writers import WRITERS
from dyadwatch.records import Extraction, Failure, InputDocument


def _progress(items, enabled: bool, desc: str):
    if not enabled:
        return items
    from tqdm import tqdm

    return tqdm(items, desc=desc, unit="doc", file=sys.stderr, leave=False)


def _pipeline(args):
    from dyadwatch.pipeline import Pipeline
    from dyadwatch.text.parse import ModelMissing

    try:
        return Pipeline(model=args.model, actor_files=args.actors or (),
                        min_confidence=args.min_confidence)
    except ModelMissing as exc:
        fail(exc)
    except (OSError, KeyError, ValueError) as exc:
        fail(f"cannot load the actor dictionaries: {exc}. "
             f"Check the files given with --actors (format: README, 'User dictionaries').")


def _report(failure: Failure) -> None:
    print(f"dyadwatch: {failure.status} {failure.doc_id} ({failure.origin}): {failure.reason}",
          file=sys.stderr)


def run_extraction(pipeline, docs, fmt: str, out, progress: bool) -> tuple[int, list[Failure]]:
    """Write each extraction as it is made; report each failure on stderr at once."""
    from dyadwatch.io.writers import write

    failures: list[Failure] = []
    done = 0

    def results():
        nonlocal done
        for r in _progress(pipeline.process_many(docs), progress, "extract"):
            if isinstance(r, Failure):
                failures.append(r)
                _report(r)
                continue
            done += 1
            yield r

    write(results(), fmt, out)
    return done, failures


def cmd_extract(args) -> int:
    from dyadwatch.io.readers import read_inputs

    check_published(args.published)
    pipeline = _pipeline(args)
    fmt = args.format or ("table" if args.out is None and sys.stdout.isatty() else "jsonl")
    with (open(args.out, "w", encoding="utf-8") if args.out else contextlib.nullcontext(sys.stdout)) as out:
        docs = read_inputs(args.paths, args.published, special_files=args.special_files)
        done, failures = run_extraction(pipeline, docs, fmt, out, progress=sys.stderr.isatty())
    skipped = sum(f.status == "skipped" for f in failures)
    summary = (f"dyadwatch: {done} document(s) extracted, {skipped} skipped, "
               f"{len(failures) - skipped} failed")
    if failures:
        summary += " (each named above with its reason)"
    print(summary, file=sys.stderr)
    return 1 if failures and args.strict else 0


def sample_article() -> tuple[str, str]:
    """The bundled sample article and its publication day."""
    text = (resources.files("dyadwatch") / "data" / "sample_article.txt").read_text("utf-8")
    return text, "2024-03-15"


def cmd_demo(args) -> int:
    """The bundled sample article through the whole pipeline, as a table; with --db, also
    stored, ready for `dyadwatch serve`."""
    from dyadwatch.io.writers import table_lines

    pipeline = _pipeline(args)
    text, published = sample_article()
    result = pipeline.process(InputDocument("sample-article", text, published))
    print("\n".join(table_lines(result)))
    print("\nThis was the bundled sample article. Next: `dyadwatch extract ARTICLE.txt "
          "--published YYYY-MM-DD` on your own news, or `dyadwatch explain \"SENTENCE\"`.")
    if args.db:
        import tempfile
        from pathlib import Path

        from dyadwatch.engines.local import ingest

        with tempfile.TemporaryDirectory() as tmp:
            doc = Path(tmp) / "sample.jsonl"
            doc.write_text(json.dumps({"id": "sample-article", "text": text,
                                       "published": published}) + "\n", encoding="utf-8")
            ingest([str(doc)], args.db)
        print(f"Stored in {args.db}. See it in a browser: .venv/bin/dyadwatch serve --db {args.db}")
    return 0


def cmd_eval(args) -> int:
    from dyadwatch.evaluate import format_report, load_jsonl, score

    gold = load_jsonl(args.gold)
    if args.pred:
        preds = load_jsonl(args.pred)
    else:
        pipeline = _pipeline(args)
        docs = [InputDocument(str(g["id"]), g["text"], g.get("published")) for g in gold]
        preds = []
        for r in _progress(pipeline.process_many(docs), sys.stderr.isatty(), "eval"):
            if isinstance(r, Extraction):
                preds.append(r.to_dict())
            else:
                print(f"dyadwatch: {r.doc_id}: {r.reason}", file=sys.stderr)
    summary, details = score(gold, preds)
    if not args.quiet:
        print("\n".join(format_report(details)))
    print(json.dumps(summary))
    return 0


def _speaker_matches(quote, wanted: str) -> bool:
    from dyadwatch.evaluate import canon_name

    sp = quote.get("speaker") or {}
    wanted = canon_name(wanted)
    names = {canon_name(sp.get("name")), canon_name(sp.get("text")), canon_name(sp.get("code"))}
    return any(n and (n == wanted or wanted in n.split() or n.endswith(" " + wanted))
               for n in names)


def cmd_quotes(args) -> int:
    """Who said what: every quote, or one speaker's, one line each."""
    from dyadwatch.io.readers import read_inputs

    check_published(args.published)
    pipeline = _pipeline(args)
    found = 0
    for r in pipeline.process_many(read_inputs(args.paths, args.published)):
        if isinstance(r, Failure):
            _report(r)
            continue
        for q in r.to_dict()["quotes"]:
            if args.speaker and not _speaker_matches(q, args.speaker):
                continue
            found += 1
            if args.format == "jsonl":
                print(json.dumps({"doc_id": r.doc_id, **q}, ensure_ascii=False))
            else:
                sp = q["speaker"] or {}
                who = f"{sp.get('name') or sp.get('text') or 'unknown'} [{sp.get('code') or '?'}]"
                to = f" to {q['addressee']}" if q["addressee"] else ""
                print(f"{r.doc_id}\t{q['kind']:<8} {who} ({q['cue'] or 'no cue'}{to}): “{q['text']}”")
    print(f"dyadwatch: {found} quote(s)" + (f" by {args.speaker!r}" if args.speaker else ""),
          file=sys.stderr)
    return 0


def cmd_explain(args) -> int:
    from dyadwatch.coding.explain import explain_lines

    check_published(args.published)
    pipeline = _pipeline(args)
    print("\n".join(explain_lines(pipeline.explain(args.sentence, args.published))))
    return 0


def cmd_actors(args) -> int:
    from dyadwatch.coding.explain import lookup_lines

    check_day(args.date, "--date")
    pipeline = _pipeline(args)
    print("\n".join(lookup_lines(pipeline, args.name, args.date)))
    return 0


def add_commands(sub, common) -> None:
    """extract, demo, eval, quotes, explain."""
    e = sub.add_parser("extract", parents=[common, input_options()],
                       help="code articles into events and quotes")
    e.add_argument("--format", choices=tuple(WRITERS),
                   help="jsonl (default when piped), json, or table (default on a terminal)")
    e.add_argument("--out", metavar="FILE", help="write here instead of standard output")
    e.set_defaults(func=cmd_extract)

    d = sub.add_parser("demo", parents=[common], help="run the bundled sample article")
    d.add_argument("--db", metavar="FILE.duckdb", help="also store the result here")
    d.set_defaults(func=cmd_demo)

    v = sub.add_parser("eval", parents=[common], help="score the coder against a gold file")
    v.add_argument("gold", help="gold JSON Lines (format: shared/gold/README.md)")
    v.add_argument("--pred", help="score these predictions instead of running the pipeline")
    v.add_argument("--quiet", action="store_true", help="print only the summary line")
    v.set_defaults(func=cmd_eval)

    q = sub.add_parser("quotes", parents=[common], help="list who said what")
    q.add_argument("paths", nargs="+", metavar="PATH")
    q.add_argument("--speaker", help="only quotes by this person or body (name, surname or code)")
    q.add_argument("--published", metavar="YYYY-MM-DD")
    q.add_argument("--format", choices=("text", "jsonl"), default="text")
    q.set_defaults(func=cmd_quotes)

    x = sub.add_parser("explain", parents=[common],
                       help="show the parse, actors, patterns and decisions for one sentence")
    x.add_argument("sentence")
    x.add_argument("--published", metavar="YYYY-MM-DD")
    x.set_defaults(func=cmd_explain)


def add_actors_command(sub, common) -> None:
    a = sub.add_parser("actors", parents=[common], help="look names up in the actor dictionaries")
    asub = a.add_subparsers(dest="actors_command", required=True)
    lk = asub.add_parser("lookup", parents=[common], help="what a name resolves to, and why")
    lk.add_argument("name")
    lk.add_argument("--date", metavar="YYYY-MM-DD", help="the article's date (codes change)")
    lk.set_defaults(func=cmd_actors)
