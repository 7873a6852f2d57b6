"""Closed word classes (word_classes_curated.tsv): light verbs, weapons, governors of
intent, pronouns, prepositions of place... Each class's job is said in the file's header."""
from __future__ import annotations

from collections import defaultdict

from dyadwatch.kb.resources import DataFiles

FILE = "word_classes_curated.tsv"


class WordClasses:
    """`words["light_verb"]` -> the frozenset of that class's words."""

    def __init__(self, classes: dict[str, frozenset[str]]) -> None:
        self._classes = classes

    @classmethod
    def load(cls, files: DataFiles) -> WordClasses:
        classes: dict[str, set[str]] = defaultdict(set)
        for r in files.rows(FILE):
            classes[r["class"]].add(r["word"])
        return cls({name: frozenset(words) for name, words in classes.items()})

    def __getitem__(self, name: str) -> frozenset[str]:
        try:
            return self._classes[name]
        except KeyError:
            raise KeyError(f"word class {name!r} is not in {FILE}") from None

    def __contains__(self, name: str) -> bool:
        return name in self._classes
