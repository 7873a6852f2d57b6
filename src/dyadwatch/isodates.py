"""ISO dates as the whole package reads them: publication days, event periods, CLI options."""
from __future__ import annotations

import datetime as dt
import re

_DAY_PREFIX = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
# a publication date as readers take it: YYYY-MM-DD, optionally with a time ('T08:00:00Z')
_PUBLISHED = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ][0-9:.,]+(?:Z|[+-]\d{2}:?\d{2})?)?")
# publication years a document may carry: newspapers began in the 1600s; 9999-12-31 is a
# database's "no date", not a day (date arithmetic near the ends of Python's range overflows)
PUBLISHED_YEARS = range(1600, 2200)


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
    """Exactly a calendar day written YYYY-MM-DD (what the CLI's date options take); not the
    other forms `fromisoformat` accepts ('20220114', '2022-W02-5')."""
    return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)) and parse_day(value) is not None


def published_problem(value: object) -> str | None:
    """Why `value` cannot be a document's publication date, or None when it can."""
    if not isinstance(value, str) or not _PUBLISHED.fullmatch(value.strip()):
        return f"{value!r} is not a date: write YYYY-MM-DD (a time may follow: 2021-06-11T08:00Z)"
    day = parse_day(value.strip())
    if day is None:
        return f"{value!r} is no calendar day"
    if day.year not in PUBLISHED_YEARS:
        return (f"{value!r} is not a plausible publication date (years "
                f"{PUBLISHED_YEARS.start}-{PUBLISHED_YEARS.stop - 1})")
    return None


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
