"""Everything the coder knows, as one object a `Pipeline` builds and passes to its stages:
the actor knowledge base, the verb lexicon, reporting verbs, the CAMEO codebook and the codes
its rules key on, closed word classes, the gazetteer and the event model's weights.

Each part is read from `DataFiles` on first use and kept for the life of this object (so two
pipelines with different knowledge can share a process); any part can also be given ready-made,
e.g. a test's own gazetteer: `Knowledge(gazetteer=my_gazetteer)`.
"""
from __future__ import annotations

from functools import cached_property
from pathlib import Path

from dyadwatch.kb.actors import KnowledgeBase, load_knowledge_base
from dyadwatch.kb.cameo_rules import CameoRules
from dyadwatch.kb.codebook import Codebook
from dyadwatch.kb.event_model import EventModel
from dyadwatch.kb.gazetteer import Gazetteer
from dyadwatch.kb.lexicon import ReportingVerbs, VerbLexicon, load_lexicon
from dyadwatch.kb.resources import DataFiles
from dyadwatch.kb.word_classes import WordClasses

EVENT_MODEL_FILE = "event_model.json"
ACT_NOUNS_FILE = "act_nouns_curated.tsv"
_PARTS = ("actors", "lexicon", "reporting_verbs", "codebook", "cameo_rules", "words", "gazetteer",
          "event_model")


class Knowledge:
    def __init__(self, data_dir: str | Path | None = None, actor_files: tuple[str, ...] = (),
                 **parts) -> None:
        """`data_dir`: a folder holding the package's data files (default: the package's own);
        `actor_files`: user dictionaries whose entries win over the built-in ones; `parts`:
        ready-made parts by name (actors, lexicon, reporting_verbs, codebook, cameo_rules,
        words, gazetteer)."""
        unknown = set(parts) - set(_PARTS)
        if unknown:
            raise TypeError(f"unknown knowledge parts: {', '.join(sorted(unknown))}")
        self.files = DataFiles(data_dir)
        self.actor_files = tuple(actor_files)
        self.__dict__.update(parts)  # cached_property reads a given part from here

    @cached_property
    def actors(self) -> KnowledgeBase:
        return load_knowledge_base(self.files, self.actor_files)

    @cached_property
    def lexicon(self) -> VerbLexicon:
        return load_lexicon(self.files)

    @cached_property
    def reporting_verbs(self) -> ReportingVerbs:
        return ReportingVerbs(self.files)

    @cached_property
    def codebook(self) -> Codebook:
        return Codebook.load(self.files)

    @cached_property
    def cameo_rules(self) -> CameoRules:
        return CameoRules.load(self.files)

    @cached_property
    def act_nouns(self) -> dict[str, frozenset[str]]:
        """Noun lemma -> the CAMEO roots of the earlier acts it can name ("the attack")."""
        return {r["noun"]: frozenset(r["roots"].split("|")) for r in self.files.rows(ACT_NOUNS_FILE)}

    @cached_property
    def words(self) -> WordClasses:
        return WordClasses.load(self.files)

    @cached_property
    def gazetteer(self) -> Gazetteer:
        return Gazetteer(self.files, self.words["generic_place_word"],
                         self.words["admin_region_word"])

    @cached_property
    def event_model(self) -> EventModel | None:
        """The event model's weights, or None where the data folder has none: then the rules'
        own confidences stand."""
        path = self.files.root / EVENT_MODEL_FILE
        return EventModel.load(path) if path.exists() else None
