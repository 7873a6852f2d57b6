"""CAMEO codes with their Goldstein score, QuadClass and PLOVER type (cameo_codebook.tsv), and
how a code changes with its context (code_transforms_curated.tsv)."""
from __future__ import annotations

from dataclasses import dataclass

from dyadwatch.kb.resources import DataFiles


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


class Codebook:
    def __init__(self, codes: dict[str, Code], transforms: dict[tuple[str, str], str]) -> None:
        self.codes = codes
        self._transforms = transforms

    @classmethod
    def load(cls, files: DataFiles) -> Codebook:
        codes = {r["code"]: Code(r["code"], r["name"], float(r["goldstein"]), int(r["quad_class"]),
                                 r["plover_type"] or None, r["plover_mode"] or None)
                 for r in files.rows("cameo_codebook.tsv")}
        transforms = {(r["context"], r["root"]): r["code"]
                      for r in files.rows("code_transforms_curated.tsv")}
        return cls(codes, transforms)

    def lookup(self, code: str) -> Code | None:
        """A code's entry; a leaf the GDELT table lacks (ICEWS' 176) takes its parent's values."""
        probe = code
        while probe:
            if probe in self.codes:
                entry = self.codes[probe]
                return entry if probe == code else Code(code, entry.name, entry.goldstein,
                                                        entry.quad_class, entry.plover_type,
                                                        entry.plover_mode)
            probe = probe[:-1] if len(probe) > 2 else ""
        return None

    def transform(self, code: str, context: str) -> str | None:
        """The code an event takes in a context ('intended', 'negated', 'requesting'), if it
        changes."""
        return self._transforms.get((context, code[:2]))
