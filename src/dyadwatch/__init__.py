"""dyadwatch: political news in, event data out, every number traceable to its sentence.

    >>> import dyadwatch
    >>> result = dyadwatch.extract("Russia recalled its ambassador from Washington.", published="2021-03-20")
    >>> [(e.source.code, e.cameo, e.target.code) for e in result.events]
"""
from __future__ import annotations

from dyadwatch.records import Actor, Event, Extraction, Failure, InputDocument, Quote
from dyadwatch.version import __version__

__all__ = ["extract", "extract_batch", "Actor", "Event", "Extraction", "Failure", "InputDocument",
           "Quote", "__version__"]


def extract(text: str, published: str | None = None, doc_id: str = "doc") -> Extraction:
    """Code one article into events and quotes (loads the model on first use)."""
    from dyadwatch.pipeline import extract as _extract

    return _extract(text, published, doc_id)


def extract_batch(docs, batch_size: int = 16):
    """Code many articles, streamed through spaCy's `nlp.pipe`; yields Extraction or Failure."""
    from dyadwatch.pipeline import extract_batch as _extract_batch

    return _extract_batch(docs, batch_size)
