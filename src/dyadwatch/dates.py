"""The event's own date, from the temporal words that govern its clause.

GDELT and ICEWS date every event with the article's day; "sanctions announced in April" in a
June article is April. Baseline rules here cover months, weekdays, explicit dates, years and
"last/next week"; anything else falls back to the publication date, marked as such.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re

from spacy.tokens import Token

_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}


def parse_published(value: str | None) -> dt.date | None:
    if not value:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _date_words(verb: Token) -> list[list[Token]]:
    """Temporal phrases attached to the verb itself (not to other clauses)."""
    out = []
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in ("in", "on", "since", "during", "by", "at"):
            for p in c.children:
                if p.dep_ == "pobj":
                    out.append(sorted(p.subtree, key=lambda t: t.i))
        elif c.dep_ in ("npadvmod", "advmod", "tmod") and (c.ent_type_ in ("DATE", "TIME")
                                                            or c.lower_ in _WEEKDAYS):
            out.append(sorted(c.subtree, key=lambda t: t.i))
    return out


def resolve(words: list[Token], published: dt.date) -> tuple[str, str] | None:
    text = " ".join(t.lower_ for t in words)
    wordset = [t.lower_ for t in words]
    year = next((int(w) for w in wordset if re.fullmatch(r"(19|20)\d\d", w)), None)
    # "may" is a month only when capitalised
    month = next((_MONTHS[t.lower_] for t in words
                  if t.lower_ in _MONTHS and (t.lower_ != "may" or t.text == "May")), None)
    day = next((int(w) for w in wordset if re.fullmatch(r"\d{1,2}", w) and 1 <= int(w) <= 31), None)
    if month:
        if year is None:
            year = published.year if month <= published.month else published.year - 1
        if day:
            try:
                return dt.date(year, month, day).isoformat(), "day"
            except ValueError:
                pass
        return f"{year:04d}-{month:02d}", "month"
    for w in wordset:
        if w in _WEEKDAYS:
            delta = (published.weekday() - _WEEKDAYS[w]) % 7
            if "next" in wordset:
                d = published + dt.timedelta(days=(_WEEKDAYS[w] - published.weekday()) % 7 or 7)
            elif "last" in wordset:
                d = published - dt.timedelta(days=delta or 7)
            else:
                d = published - dt.timedelta(days=delta)
            return d.isoformat(), "day"
    if "yesterday" in wordset:
        return (published - dt.timedelta(days=1)).isoformat(), "day"
    if "today" in wordset:
        return published.isoformat(), "day"
    if re.search(r"\b(last|past) week\b", text):
        d = published - dt.timedelta(days=7)
        return f"{d.isocalendar().year}-W{d.isocalendar().week:02d}", "week"
    if re.search(r"\bthis week\b", text):
        return f"{published.isocalendar().year}-W{published.isocalendar().week:02d}", "week"
    if re.search(r"\blast year\b", text):
        return f"{published.year - 1:04d}", "year"
    if re.search(r"\b(this|earlier this) year\b", text):
        return f"{published.year:04d}", "year"
    if year and year <= published.year:
        return f"{year:04d}", "year"
    return None


def event_date(verb: Token, published: str | None) -> tuple[str | None, str | None, str | None]:
    """(date, granularity, how) for the clause headed by `verb`."""
    pub = parse_published(published)
    if pub is None:
        return None, None, None
    for words in _date_words(verb):
        found = resolve(words, pub)
        if found:
            return found[0], found[1], "text"
    return pub.isoformat(), "day", "published"
