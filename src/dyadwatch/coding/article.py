"""Article-level decisions: which sentences report acts, by the role of their paragraph."""
from __future__ import annotations

from dyadwatch.text.structure import SILENT_ROLES


def codes_events(role: str) -> bool:
    """Bylines, captions and credit lines report no act; a headline (or standfirst) restates
    the article's lead, so its events are coded once, from the body's own sentence."""
    return role not in SILENT_ROLES
