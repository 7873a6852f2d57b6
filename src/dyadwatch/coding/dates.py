"""The event's own date, from the temporal words that govern its clause.

GDELT and ICEWS date every event with the article's day; "sanctions announced in April" in a
June article is April. The expressions attached to the event's verb (or, failing that, to
an "after"/"when" clause of it) are resolved against the publication date: weekdays ("on
Wednesday" = the last Wednesday up to the article's day, "next Wednesday" the coming one),
months and seasons of the article's year or the one before, "last week", "earlier this year",
explicit dates; dateparser handles the rest ("three years ago", "9 June 2021"). The
granularity says how precise the date is. Nothing found: the publication date, marked so.
"""
from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
import warnings

from spacy.tokens import Token

from dyadwatch.coding.context import DocContext
from dyadwatch.coding.syntax import clause_positions
from dyadwatch.isodates import parse_day, period_start

_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTHS["sept"] = 9
_WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "a": 1, "an": 1, "several": 3, "few": 3}
_UNITS = {"day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month",
          "months": "month", "year": "year", "years": "year", "decade": "year", "decades": "year"}
_DURATION = re.compile(r" (\d+|" + "|".join(_NUMBERS) + r"|several|many|the past|the last) ("
                       + "|".join(_UNITS) + r") ")
_OTHER_CLAUSES = frozenset({"conj", "advcl", "relcl", "ccomp", "xcomp", "parataxis", "acl"})


def _week(d: dt.date) -> str:
    iso = d.isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


def _shift_months(d: dt.date, months: int) -> dt.date:
    y, m = divmod(d.month - 1 + months, 12)
    return dt.date(d.year + y, m + 1, 1)


def resolve_expression(text: str, published: dt.date, capitalised_may: bool = True,
                       future: bool = False) -> tuple[str, str] | None:
    """(date, granularity) of a temporal expression relative to the publication day; `future`:
    the clause speaks of what is to come ("will attend on Wednesday" is the coming one).
    None for what dates nothing: a duration ("for 18 years"), or a date no calendar holds."""
    try:
        return _resolve(text, published, capitalised_may, future)
    except (ValueError, OverflowError):  # "30000 months ago", "in the year 99999"
        return None


def _resolve(text: str, published: dt.date, capitalised_may: bool,
             future: bool) -> tuple[str, str] | None:
    t = " " + re.sub(r"[^\w\s-]", " ", text.lower()) + " "
    t = re.sub(r"\s+", " ", t)
    words = t.split()
    year_m = re.search(r"\b(1[89]\d\d|20\d\d)\b", t)
    year = int(year_m.group(1)) if year_m else None
    month = next((_MONTHS[w] for w in words if w in _MONTHS and (w != "may" or capitalised_may)),
                 None)
    day_m = re.search(r"\b(\d{1,2})(st|nd|rd|th)?\b", t.replace(str(year), " ") if year else t)
    day = int(day_m.group(1)) if day_m and 1 <= int(day_m.group(1)) <= 31 else None
    if month:
        if year is None:
            year = published.year if month <= published.month else published.year - 1
            if "next" in words or (future and "last" not in words and month > published.month):
                year = published.year if month > published.month else published.year + 1
        if day:
            try:
                return dt.date(year, month, day).isoformat(), "day"
            except ValueError:
                pass
        return f"{year:04d}-{month:02d}", "month"
    for w in words:
        if w in _WEEKDAYS:
            target = _WEEKDAYS[w]
            if "next" in words or (future and "last" not in words):
                d = published + dt.timedelta(days=(target - published.weekday()) % 7 or 7)
            elif "last" in words or "previous" in words:
                d = published - dt.timedelta(days=(published.weekday() - target) % 7 or 7)
            else:
                d = published - dt.timedelta(days=(published.weekday() - target) % 7)
            return d.isoformat(), "day"
    if " yesterday " in t:
        return (published - dt.timedelta(days=1)).isoformat(), "day"
    if " tomorrow " in t:
        return (published + dt.timedelta(days=1)).isoformat(), "day"
    if re.search(r" (today|tonight|this morning|this afternoon|this evening) ", t):
        return published.isoformat(), "day"
    m = re.search(r" (last|past|previous|next|this|coming) (week|month|year) ", t)
    if m:
        step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "this": 0}[m.group(1)]
        if m.group(2) == "week":
            return _week(published + dt.timedelta(weeks=step)), "week"
        if m.group(2) == "month":
            d = _shift_months(published, step)
            return f"{d.year:04d}-{d.month:02d}", "month"
        return f"{published.year + step:04d}", "year"
    if re.search(r" (earlier|later) this year ", t):
        return f"{published.year:04d}", "year"
    m = re.search(r" (\d+|" + "|".join(_NUMBERS) + r") (" + "|".join(_UNITS) + r") ago ", t)
    if m:
        n = int(m.group(1)) if m.group(1).isdigit() else _NUMBERS[m.group(1)]
        unit = _UNITS[m.group(2)] if m.group(2) != "decades" else "year"
        n = n * 10 if m.group(2).startswith("decade") else n
        if unit == "day":
            return (published - dt.timedelta(days=n)).isoformat(), "day"
        if unit == "week":
            return _week(published - dt.timedelta(weeks=n)), "week"
        if unit == "month":
            d = _shift_months(published, -n)
            return f"{d.year:04d}-{d.month:02d}", "month"
        return f"{published.year - n:04d}", "year"
    if year and year <= published.year + 1:
        return f"{year:04d}", "year"
    if _DURATION.search(t):  # "for 18 years", "three months": how long, not when
        return None
    return _dateparser(text, published)


@functools.lru_cache(maxsize=4096)  # slow (~0.5 ms), and a day's articles share phrases
def _dateparser(text: str, published: dt.date) -> tuple[str, str] | None:
    """dateparser for what the rules do not cover; day granularity only when a day is named."""
    import dateparser

    base = dt.datetime.combine(published, dt.time(12))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parsed = dateparser.parse(text, languages=["en"], settings={
            "RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "REQUIRE_PARTS": []})
    if parsed is None or abs((parsed.date() - published).days) > 365 * 200:
        return None
    return parsed.date().isoformat(), "day"


def _date_phrases(ctx: DocContext, verb: Token,
                  temporal_preps: frozenset[str]) -> list[list[Token]]:
    """Temporal phrases attached to the verb itself (not to other clauses)."""
    out = []
    for c in ctx.children(verb):
        if c.dep_ == "prep" and c.lower_ in temporal_preps:
            for p in ctx.children(c):
                if p.dep_ == "pobj" and (p.ent_type_ in ("DATE", "TIME") or p.lower_ in _WEEKDAYS
                                         or p.lower_ in _MONTHS):
                    out.append(sorted(ctx.subtree(p), key=lambda t: t.i))
        elif c.dep_ in ("npadvmod", "advmod", "tmod", "nmod", "obl") and (
                c.ent_type_ in ("DATE", "TIME") or c.lower_ in _WEEKDAYS):
            out.append(sorted(ctx.subtree(c), key=lambda t: t.i))
    return out


def _clause_dates(ctx: DocContext, verb: Token,
                  deadline_preps: frozenset[str]) -> list[list[Token]]:
    """Date entities anywhere in the verb's own clause ("condemned Sweden on Monday" where the
    parser hung "on Monday" on the object), not in clauses of their own."""
    spans: dict[int, list[Token]] = {}
    for i in clause_positions(ctx, verb, _OTHER_CLAUSES, _OTHER_CLAUSES):
        if i == verb.i:
            continue
        t = ctx.tokens[i]
        if t.ent_type_ not in ("DATE", "TIME"):
            continue
        # a date of the clause, not a modifier inside a noun phrase ("the 2020 US election"),
        # nor a deadline ("by 2025", "until Friday")
        head = t.head
        if head.dep_ == "prep" and head.lower_ in deadline_preps:
            continue
        if head.dep_ == "prep" or t.dep_ in ("pobj", "npadvmod", "tmod", "advmod", "obl") or \
                head.ent_type_ in ("DATE", "TIME"):
            start = t.i
            while start > 0 and ctx.tokens[start].ent_iob_ == "I":
                start -= 1
            spans.setdefault(start, []).append(t)
    return list(spans.values())


def _noun_dates(ctx: DocContext, noun: Token) -> list[list[Token]]:
    """A date naming an event noun: "the Kremlin's 2014 annexation of Crimea"."""
    if noun.pos_ not in ("NOUN", "PROPN"):
        return []
    return [[c] for c in ctx.children(noun) if c.i < noun.i and c.ent_type_ == "DATE"
            and c.dep_ in ("nummod", "compound", "amod", "npadvmod", "poss", "nmod")]


def _is_future(ctx: DocContext, verb: Token, future_aux: frozenset[str]) -> bool:
    """'will attend', 'is going to attend', 'is to attend': the clause speaks of what is to come."""
    auxes = {c.lower_ for c in ctx.children(verb) if c.dep_ in ("aux", "auxpass")}
    return bool(auxes & (future_aux | {"'ll"})) or "going" in auxes or (
        verb.tag_ == "VB" and verb.dep_ == "xcomp" and verb.head.lemma_ == "be")


def event_date(ctx: DocContext, verb: Token) -> tuple[str | None, str | None, str | None]:
    """(date, granularity, how) for the clause headed by `verb`; how = text | published.

    A past act is never dated after its article; a future one takes the coming weekday or
    month; deadlines ("by 2025") and durations ("for 18 years") date nothing."""
    pub = parse_day(ctx.date)
    if pub is None:
        return None, None, None
    word_classes = ctx.knowledge.words
    marks, preps = word_classes["date_clause_mark"], word_classes["temporal_prep"]
    deadlines = word_classes["deadline_prep"]
    future = _is_future(ctx, verb, word_classes["future_aux"])
    clauses = [verb] + [c for c in ctx.children(verb) if c.dep_ == "advcl" and any(
        m.dep_ == "mark" and m.lower_ in marks for m in ctx.children(c))]
    phrases = _noun_dates(ctx, verb)
    if verb.dep_ == "relcl" and verb.head.ent_type_ == "DATE":
        # "broke out on April 2, 1982, when the junta invaded": the date the clause describes
        # (a calendar date, not "a day before Sarkozy heads to Beijing")
        named = [t for t in ctx.subtree(verb.head)
                 if t.ent_type_ == "DATE" and t.i < verb.left_edge.i]
        if any(t.like_num or t.lower_ in _MONTHS or t.lower_ in _WEEKDAYS for t in named):
            phrases.append(named)
    for clause in clauses:
        phrases += _date_phrases(ctx, clause, preps) + _clause_dates(ctx, clause, deadlines)
    if verb.dep_ == "advcl" and any(c.lower_ == "when" for c in ctx.children(verb)):
        # "In 2014, when Russia annexed Crimea, the EU imposed sanctions": the main clause's
        # date, after the clause's own
        phrases += _date_phrases(ctx, verb.head, preps) + _clause_dates(ctx, verb.head, deadlines)
    for words in phrases:
        text = " ".join(t.text for t in words)
        found = resolve_expression(text, pub, capitalised_may=any(t.text == "May" for t in words),
                                   future=future)
        ahead = future or bool(word_classes["future_word"] & {t.lower_ for t in words})
        if found and (ahead or not _after(found, pub)):
            return found[0], found[1], "text"
    return pub.isoformat(), "day", "published"


def _after(found: tuple[str, str], published: dt.date) -> bool:
    """Whether a date's period starts after the publication day."""
    start = period_start(*found)
    return start is None or start > published
