"""The forms names are compared in: actor names (`alias_key`) and place names (`place_key`)."""
from __future__ import annotations

import functools
import re
import unicodedata

_SPACES = re.compile(r"\s+")
_HYPHEN = re.compile(r"\s*-\s*")
_THE = re.compile(r"^the ")
_BEFORE_POSSESSIVE = re.compile(r" (?='s\b)")
PLURAL_POSSESSIVE = re.compile(r"s ?'(?=\s|$)")


@functools.lru_cache(maxsize=65_536)  # the same names recur in every article
def alias_key(text: str) -> str:
    """The form names are compared in: lower case, no accents ("Perú" is "Peru"), single
    spaces, no space around hyphens."""
    text = without_accents(text.lower().replace("’", "'").replace("‘", "'"))
    text = _SPACES.sub(" ", text).strip()
    text = _HYPHEN.sub("-", text)
    text = _THE.sub("", text)
    text = PLURAL_POSSESSIVE.sub("'s", text)  # "Peoples' Party" is written "People's Party"
    return _BEFORE_POSSESSIVE.sub("", text)


def without_accents(text: str) -> str:
    """'Perú', 'Panamá', 'Yván' as 'Peru', 'Panama', 'Yvan' (letters without their marks)."""
    if text.isascii():
        return text
    bare = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", bare)


@functools.lru_cache(maxsize=65_536)
def place_key(text: str) -> str:
    """The form place names are looked up in: lower case, single spaces, no leading "the"
    (hyphens and apostrophes kept: "Nagorno-Karabakh", "Cote d'Ivoire" are indexed so)."""
    key = re.sub(r"\s+", " ", text.strip().lower())
    return re.sub(r"^the ", "", key)
