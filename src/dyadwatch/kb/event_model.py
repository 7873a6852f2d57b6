"""The event model: a logistic regression over each candidate event's features
(`coding.events.features`) that gives the probability the event is right, trained by
`scripts/train_event_model.py` on hand-annotated real articles (see the README). Its weights
are data (`data/event_model.json`); reading them needs no machine-learning library.

Rules propose; the model decides: an event's `confidence` becomes the model's probability,
and events below the threshold (the model's own, chosen for precision, or the user's
`min_confidence`) are dropped. Events with no target have a threshold of their own, chosen for
the same precision: the scorer never scores them, but a user reads them all the same.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass

from dyadwatch.records import Event


@dataclass(frozen=True)
class EventModel:
    weights: dict[str, float]
    intercept: float
    threshold: float
    about: dict  # where it was trained and how well it cross-validates
    threshold_without_target: float | None = None  # for events with no target; else `threshold`

    @classmethod
    def load(cls, path) -> EventModel:
        d = json.loads(path.read_text(encoding="utf-8"))
        return cls(d["weights"], d["intercept"], d["threshold"], d.get("about", {}),
                   d.get("threshold_without_target"))

    def probability(self, features: dict[str, float]) -> float:
        z = self.intercept + sum(self.weights.get(k, 0.0) * v for k, v in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def strongest(self, features: dict[str, float], n: int = 4) -> list[tuple[str, float]]:
        """The features that moved this event's score most, for `explain`."""
        parts = [(k, self.weights.get(k, 0.0) * v) for k, v in features.items()]
        return sorted((p for p in parts if p[1]), key=lambda p: -abs(p[1]))[:n]

    def decide(self, events: list[Event], min_confidence: float | None = None) -> list[Event]:
        """The events the model keeps, each with its probability as `confidence`."""
        kept = []
        for e in events:
            e.confidence = round(self.probability(e.features), 2)
            floor = min_confidence if min_confidence is not None else \
                self.threshold_without_target or self.threshold if e.target is None else \
                self.threshold
            if e.confidence >= floor:
                kept.append(e)
        return kept
