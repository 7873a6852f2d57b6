"""The CAMEO codes the coder's rules key on (cameo_rules_curated.tsv): which code an
allegation or a demand takes, which roots are force, which acts are mutual. Each rule's
meaning is in the file's header and its `meaning` column."""
from __future__ import annotations

from dyadwatch.kb.resources import DataFiles

FILE = "cameo_rules_curated.tsv"


class CameoRules:
    """`rules.code("allegation")` -> "112"; `rules.codes("force_roots")` -> {"18", "19", "20"}."""

    def __init__(self, rules: dict[str, tuple[str, ...]]) -> None:
        self._rules = rules

    @classmethod
    def load(cls, files: DataFiles) -> CameoRules:
        return cls({r["rule"]: tuple(r["codes"].split("|")) for r in files.rows(FILE)})

    def codes(self, rule: str) -> frozenset[str]:
        return frozenset(self._get(rule))

    def code(self, rule: str) -> str:
        codes = self._get(rule)
        if len(codes) != 1:
            raise ValueError(f"rule {rule!r} in {FILE} holds {len(codes)} codes, not one")
        return codes[0]

    def _get(self, rule: str) -> tuple[str, ...]:
        try:
            return self._rules[rule]
        except KeyError:
            raise KeyError(f"CAMEO rule {rule!r} is not in {FILE}") from None
