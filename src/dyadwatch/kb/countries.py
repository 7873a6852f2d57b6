"""ISO 3166-1 countries (pycountry, plus the codes news and CAMEO use that ISO lacks) and
CAMEO actor codes split into country and sector."""
from __future__ import annotations

import functools

import pycountry

# countries that ISO 3166-1 lacks but news and CAMEO use
_EXTRA_COUNTRIES = {"XKX": "Kosovo"}


@functools.lru_cache(maxsize=1)
def iso_countries() -> dict[str, str]:
    """ISO alpha-3 -> common name."""
    out = {c.alpha_3: getattr(c, "common_name", None) or c.name for c in pycountry.countries}
    out.update(_EXTRA_COUNTRIES)
    return out


@functools.lru_cache(maxsize=65_536)  # the same few thousand codes, asked of every actor
def split_code(code: str | None) -> tuple[str | None, str | None]:
    """'RUSGOV' -> ('RUS', 'GOV'); 'IGOUNO' -> (None, None); 'NGO' -> (None, 'NGO')."""
    if not code:
        return None, None
    if code.startswith("IGO"):
        return None, None
    head = code[:3]
    if head in iso_countries():
        return head, (code[3:6] or None)
    return None, head
