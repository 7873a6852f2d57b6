"""Closed word classes (word_classes_curated.tsv): light verbs, weapons, governors of
intent, pronouns, prepositions of place... Each class's job is said in the file's header."""
from __future__ import annotations

from collections import defaultdict

from dyadwatch.kb.resources import DataFiles

FILE = "word_classes_curated.tsv"


class WordClasses(dict[str, frozenset[str]]):
    """`words["light_verb"]` -> the frozenset of that class's words. A dict, so that the
    stages' many look-ups run at the dict's own speed; an unknown class says where to add it."""

    @classmethod
    def load(cls, files: DataFiles) -> WordClasses:
        classes: dict[str, set[str]] = defaultdict(set)
        for r in files.rows(FILE):
            classes[r["class"]].add(r["word"])
        return cls({name: frozenset(words) for name, words in classes.items()})

    def __missing__(self, name: str) -> frozenset[str]:
        raise KeyError(f"word class {name!r} is not in {FILE}")
