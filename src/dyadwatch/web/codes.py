"""Codes in words for the dashboard: CAMEO names from the package's codebook, QuadClass
names, and the pronouns that are no speaker until resolved (the word classes)."""
from __future__ import annotations

from functools import lru_cache

from dyadwatch.kb.codebook import Codebook
from dyadwatch.kb.resources import DataFiles
from dyadwatch.kb.word_classes import WordClasses

QUAD_CLASSES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
                4: "material conflict"}
# word classes whose words name no one on their own ("she", "they", "who")
PRONOUN_CLASSES = ("person_pronoun", "group_pronoun", "relative_pronoun")


class Codes:
    """CAMEO names and unresolved-pronoun speakers, read once from the data files."""

    def __init__(self, files: DataFiles | None = None) -> None:
        files = files or DataFiles()
        self._codebook = Codebook.load(files)
        words = WordClasses.load(files)
        self.pronouns = frozenset(w.lower() for c in PRONOUN_CLASSES if c in words for w in words[c])

    @lru_cache(maxsize=1024)
    def cameo_name(self, code: str | None) -> str | None:
        entry = self._codebook.lookup(code) if code else None
        return entry.name if entry else None

    def in_words(self, row: dict) -> dict:
        """A row with `cameo_name` and `quad_name` added."""
        row["cameo_name"] = self.cameo_name(row.get("cameo"))
        row["quad_name"] = QUAD_CLASSES.get(row.get("quad_class"))
        return row
