"""Writers for extraction results, as a registry of formats: JSON Lines (the output
contract), JSON, and a table for the terminal.

A format is one function `write(results, out)` registered with `@writer(name)`;
`dyadwatch extract --format` offers what is registered here.
"""
from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterable
from typing import IO

from dyadwatch.records import Extraction

WRITERS: dict[str, Callable[[Iterable[Extraction], IO[str]], None]] = {}


def writer(name: str):
    """Register `write(results, out)` as the extraction format `name`."""
    def register(fn):
        WRITERS[name] = fn
        return fn
    return register



def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def _who(actor) -> str:
    if actor is None:
        return "-"
    label = actor.name or actor.text
    return f"{_clip(label, 22)} ({actor.code or '?'})"


def table_lines(ext: Extraction, width: int | None = None) -> list[str]:
    """One line per event and per quote: codes, actors and a clipped sentence."""
    width = width or max(100, shutil.get_terminal_size((140, 20)).columns)
    lines = [f"== {ext.doc_id}  published {ext.published or '?'}  "
             f"{len(ext.events)} events, {len(ext.quotes)} quotes"]
    if ext.events:
        lines.append(f"{'EVENT':<5} {'CAMEO':<5} {'Q':<1} {'GS':>5}  {'SOURCE':<30} {'TARGET':<30} "
                     f"{'DATE':<10}  SENTENCE")
    for e in ext.events:
        flag = "NEG " if e.negated else ""
        head = (f"{e.sentence_index:<5} {e.cameo:<5} {e.quad_class:<1} {e.goldstein:>5.1f}  "
                f"{_who(e.source):<30} {_who(e.target):<30} {e.date or '-':<10}  {flag}")
        lines.append(head + _clip(e.sentence, max(20, width - len(head))))
    if ext.quotes:
        lines.append(f"{'QUOTE':<5} {'KIND':<8} {'SPEAKER':<30} {'CUE':<10} TEXT")
    for q in ext.quotes:
        head = f"{q.sentence_index:<5} {q.kind:<8} {_who(q.speaker):<30} {(q.cue or '-'):<10} "
        lines.append(head + "“" + _clip(q.text, max(20, width - len(head) - 2)) + "”")
    return lines


def write(results: Iterable[Extraction], fmt: str, out: IO[str]) -> None:
    """Write extractions in format `fmt` as they come (streaming, except `json`)."""
    if fmt not in WRITERS:
        raise ValueError(f"extraction format: one of {', '.join(WRITERS)}")
    WRITERS[fmt](results, out)


@writer("jsonl")
def write_jsonl(results: Iterable[Extraction], out: IO[str]) -> None:
    """One JSON object per document and line: the output contract."""
    for r in results:
        out.write(json.dumps(r.to_dict(), ensure_ascii=False) + "\n")


@writer("json")
def write_json(results: Iterable[Extraction], out: IO[str]) -> None:
    """One JSON array of every document (needs the whole list)."""
    json.dump([r.to_dict() for r in results], out, ensure_ascii=False, indent=2)
    out.write("\n")


@writer("table")
def write_table(results: Iterable[Extraction], out: IO[str]) -> None:
    """Events and quotes as aligned lines for a terminal."""
    for r in results:
        out.write("\n".join(table_lines(r)) + "\n\n")
