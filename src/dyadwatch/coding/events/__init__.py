"""CAMEO event coding: `EventCoder` codes one sentence at a time over the document context."""
from dyadwatch.coding.events.coder import EventCoder
from dyadwatch.coding.events.event_record import Candidate

__all__ = ["EventCoder", "Candidate"]
