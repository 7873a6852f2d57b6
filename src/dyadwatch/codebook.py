"""CAMEO codes with their Goldstein score, QuadClass and PLOVER type, from package data."""
from __future__ import annotations

import functools
from dataclasses import dataclass

from .knowledge import data_path, read_tsv


@dataclass(frozen=True, slots=True)
class Code:
    code: str
    name: str
    goldstein: float
    quad_class: int
    plover_type: str | None
    plover_mode: str | None

    @property
    def root(self) -> str:
        return self.code[:2]


@functools.lru_cache(maxsize=1)
def codebook() -> dict[str, Code]:
    out = {}
    for r in read_tsv(data_path("cameo_codebook.tsv")):
        out[r["code"]] = Code(r["code"], r["name"], float(r["goldstein"]), int(r["quad_class"]),
                              r["plover_type"] or None, r["plover_mode"] or None)
    return out


def lookup(code: str) -> Code | None:
    """A code's entry; a leaf the GDELT table lacks (ICEWS' 176) takes its parent's values."""
    book = codebook()
    probe = code
    while probe:
        if probe in book:
            entry = book[probe]
            return entry if probe == code else Code(code, entry.name, entry.goldstein,
                                                    entry.quad_class, entry.plover_type,
                                                    entry.plover_mode)
        probe = probe[:-1] if len(probe) > 2 else ""
    return None


@functools.lru_cache(maxsize=1)
def _transforms() -> dict[tuple[str, str], str]:
    return {(r["context"], r["root"]): r["code"]
            for r in read_tsv(data_path("code_transforms_curated.tsv"))}


def transform(code: str, context: str) -> str | None:
    """The code an event takes in a context ('intended', 'negated', 'requesting'), if it changes."""
    return _transforms().get((context, code[:2]))
