"""ISO dates as the whole package reads them: publication days, event periods, CLI options."""
from __future__ import annotations

import datetime as dt
import re

_DAY_PREFIX = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def parse_day(value: str | None) -> dt.date | None:
    """The day a 'YYYY-MM-DD...' value starts with ('2021-06-11T08:00Z' -> 2021-06-11), or
    None when there is none or it is no real day."""
    if not value:
        return None
    m = _DAY_PREFIX.match(value)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def is_iso_day(value: str) -> bool:
    """Exactly a calendar day written YYYY-MM-DD (what the CLI's date options take)."""
    try:
        dt.date.fromisoformat(value)
        return True
    except ValueError:
        return False


def period_start(date: str | None, granularity: str | None) -> dt.date | None:
    """The first day of an event's date: '2021-04' -> 2021-04-01, '2021-W22' -> its Monday."""
    if not date:
        return None
    try:
        if granularity == "week" or "-W" in date:
            year, week = date.split("-W")
            return dt.date.fromisocalendar(int(year), int(week), 1)
        if len(date) == 4:
            return dt.date(int(date), 1, 1)
        if len(date) == 7:
            return dt.date(int(date[:4]), int(date[5:7]), 1)
        return dt.date.fromisoformat(date[:10])
    except ValueError:
        return None
