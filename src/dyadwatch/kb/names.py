"""The forms names are compared in: actor names (`alias_key`) and place names (`place_key`)."""
from __future__ import annotations

import re


def alias_key(text: str) -> str:
    """The form names are compared in: lower case, single spaces, no space around hyphens."""
    text = text.lower().replace("’", "'").replace("‘", "'")
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s*-\s*", "-", text)
    text = re.sub(r"^the ", "", text)
    return re.sub(r" (?='s\b)", "", text)


def place_key(text: str) -> str:
    """The form place names are looked up in: lower case, single spaces, no leading "the"
    (hyphens and apostrophes kept: "Nagorno-Karabakh", "Cote d'Ivoire" are indexed so)."""
    key = re.sub(r"\s+", " ", text.strip().lower())
    return re.sub(r"^the ", "", key)
