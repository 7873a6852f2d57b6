"""Repair what scraping and machine translation leave in news text, keeping a map back.

The parser sees the repaired text; everything we output (sentences, quotes, spans) is cut
from the original, through `NormalizedText.to_original`, so every number stays traceable to
the characters a user can find in their own copy of the article.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

OPEN_QUOTES = "“‘«„"
CLOSE_QUOTES = "”’»"
_DOUBLE_MARKS = '"“”„«»'


@dataclass(slots=True)
class NormalizedText:
    original: str
    text: str
    offsets: list[int]  # offsets[i] = index in `original` of text[i]; one extra entry at the end
    datelines: list[str] = field(default_factory=list)  # the wire datelines cut from the text

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the repaired text back to the original text."""
        if end <= start:
            o = self.offsets[min(start, len(self.offsets) - 1)]
            return o, o
        return self.offsets[start], self.offsets[end - 1] + 1

    def original_span(self, start: int, end: int) -> str:
        s, e = self.to_original(start, end)
        return self.original[s:e]

    def inside_marks(self, start: int, end: int, closed: bool) -> tuple[int, int]:
        """The original characters between the quote marks around [start, end) of the
        repaired text, whatever repairs happened inside ("[to go]" stays as written), without
        surrounding spaces; an unclosed quote ends where its repaired text ends."""
        s = self.offsets[start - 1] + 1 if start > 0 else self.offsets[start]
        e = self.offsets[end] if closed else self.to_original(start, end)[1]
        while e > s and self.original[e - 1].isspace():
            e -= 1
        while s < e and self.original[s].isspace():
            s += 1
        return s, e


class _Builder:
    """Applies regex rewrites one after another while carrying the offset map along."""

    def __init__(self, text: str):
        self.text = text
        self.offsets = list(range(len(text) + 1))

    def sub(self, pattern: re.Pattern[str], repl) -> None:
        """Replace matches with `repl` (a string, a function of the match, or a group number
        to keep only that group, whose characters then keep their own offsets)."""
        pieces, offs, last = [], [], 0
        for m in pattern.finditer(self.text):
            if isinstance(repl, int):
                new, start = m.group(repl), m.start(repl)
            else:
                new = repl(m) if callable(repl) else m.expand(repl) if "\\" in repl else repl
                start = m.start()
            if new == m.group(0):
                continue
            pieces.append(self.text[last:m.start()])
            offs.extend(self.offsets[last:m.start()])
            pieces.append(new)
            # each new character points at the original character it stands for
            span = self.offsets[start:m.end()] or [self.offsets[m.start()]]
            offs.extend(span[min(i, len(span) - 1)] for i in range(len(new)))
            last = m.end()
        if not pieces:
            return
        pieces.append(self.text[last:])
        offs.extend(self.offsets[last:])
        self.text = "".join(pieces)
        self.offsets = offs


# a wire dateline opening the article or one of its paragraphs ("GAZA CITY, Palestinian
# Territories:", "LYON:", "WASHINGTON (Reuters) -", "KABUL, Afghanistan (AP) —", "Bamako (AFP) -",
# "CARACAS/BOGOTA Oct 4 (Reuters) -", "SYDNEY •"): a place of filing, not an actor of the first
# sentence. A place in capitals ("SÃO PAULO") needs no agency; a place in title case needs one.
_AGENCY = r"\((?:[^()\n]{0,30}\b)?(?:AFP|AP|Reuters|Xinhua|AA|dpa|EFE|IANS|PTI|UPI|Kyodo|Yonhap)\b[^()\n]{0,20}\)"
_DATELINE_DATE = r"(?:,? (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2})?"
_DATELINE = re.compile(
    r"(?:\A|(?<=\n\n))[ \t]*(?:"
    r"[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ.'’-]+(?:[ /][A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ.'’-]+){0,3}(?:, [A-Z][\w.'’ -]{1,40}?)?" +
    _DATELINE_DATE +
    r"(?: ?\([^)\n]{1,40}\))?"
    r"|[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,2}(?:, [A-Z][\w.'’ -]{1,40}?)?" + _DATELINE_DATE +
    r" ?" + _AGENCY + r")"
    r"(?: ?(?::|—|–|--| -|•) +|(?<=\)) ?-(?=[A-Z]))")  # "TBILISI (Reuters) -Georgian forces"
# "Ouagadougou: Gunmen killed ...", "New Delhi: India on Monday ...": a city in title case and a
# colon opening a paragraph, the way South Asian, Gulf and African papers dateline; cut only when
# the caller's `is_city` knows the name (so "Analysis:" or a transcript's "Putin:" stay)
_CITY_DATELINE = re.compile(r"(?:\A|(?<=\n\n))[ \t]*([A-Z][a-z]+(?:[ -][A-Z][a-z]+)?): +(?=[A-Z“\"])")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u2028\u2029\ufeff]")
# runs of spaces to make one plain space (a lone plain space is left alone: no work for it)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]{2,}"
                     r"|[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")
# characters NFKC may change (not the typographic quotes and dashes, which the parser reads)
_NFKC_CANDIDATE = re.compile(r"[^\x00-\x7f“”‘’…–—«»„]")
_DOUBLE_PERIOD = re.compile(r"(?<=[.!?])(\s+\.)+(?=\s|$)")
_ELLIPSIS_PAREN = re.compile(r"\s*[(\[]\s*(?:…|\.\.\.)\s*[)\]]")
# an editor's insertion ("[to go]", "[the]"): words in brackets, never bare punctuation
_EDITORIAL = re.compile(r"\[([^\[\]\n\"“”]{0,20}[^\W\d_][^\[\]\n\"“”]{0,20})\]")
# a lone lowercase letter between a dash or space and a word: "cyberattack – l one of"
_STRAY_LETTER = re.compile(r"(?<=[–—-] )[b-hj-z] (?=[a-z]{2,})")
_SPACE_BEFORE_CLOSE = re.compile(r"(?<=[,.!?;:]) (?=”)")
# a full stop inside a running sentence ("sensitive issues. during their conversation")
# (the full stop first, the letters before it looked back at from there: the regex engine
# jumps from one full stop to the next instead of trying the look-behinds at every character)
_SPURIOUS_STOP = re.compile(
    r"\.(?<=[a-z]{3}\.)(?<!\betc\.)(?<!\bapprox\.)(?<!\bincl\.)(?<!\bcorp\.)(?= (?!i\b)[a-z]{2,})")
_CLOSE_GLUED = re.compile(r"”(?=\w)")


def _fix_quote_marks(text: str) -> str:
    """Point every double quote mark the right way, from context and the open/closed state.

    Marks are decided one paragraph at a time. Double quotes do not nest, so while a quote is
    open the next mark closes it, whichever way it faces ("our dialogue, “Peskov told CNN");
    otherwise a mark opens unless its context can only close it (before a space or
    punctuation and after a letter).
    """
    out = list(text)
    for para in re.finditer(r"[^\n]+", text):
        is_open = False
        for m in re.finditer(f"[{_DOUBLE_MARKS}]", para.group(0)):
            i = para.start() + m.start()
            before = text[i - 1] if i > para.start() else " "
            after = text[i + 1] if i + 1 < para.end() else " "
            can_open = before.isspace() or before in "([—–-:"
            can_close = after.isspace() or after in ".,;:!?)—–-" or i + 1 >= para.end()
            # English does not nest double quotes: while one is open, the next mark closes it
            opening = not is_open and not (can_close and not can_open)
            out[i] = "“" if opening else "”"
            is_open = opening
    return "".join(out)


def normalize(original: str, is_city: Callable[[str], bool] | None = None) -> NormalizedText:
    """Repair noise without moving meaning; see the module docstring. `is_city` tells a city's
    name, for datelines in title case without an agency."""
    b = _Builder(original)
    datelines: list[str] = []  # kept while they are cut out (every match is non-empty)
    b.sub(_DATELINE, lambda m: datelines.append(m.group(0).strip()) or "")
    if is_city is not None and ":" in b.text:
        b.sub(_CITY_DATELINE, lambda m: datelines.append(m.group(1)) or ""
              if is_city(m.group(1)) else m.group(0))
    b.sub(_CONTROL, "")
    b.sub(re.compile(r"\r\n?"), "\n")
    b.sub(_SPACES, " ")
    # NFKC character by character, so the offset map stays one-to-one or one-to-many
    b.sub(_NFKC_CANDIDATE, lambda m: unicodedata.normalize("NFKC", m.group(0)))
    if "…" in b.text or "..." in b.text:  # a search for the marks costs less than the regex's
        b.sub(_ELLIPSIS_PAREN, "")
    b.sub(_EDITORIAL, 1)
    b.sub(_DOUBLE_PERIOD, "")
    b.sub(_STRAY_LETTER, "")
    b.sub(_SPURIOUS_STOP, "")
    b.text = _fix_quote_marks(b.text)
    if "”" in b.text:  # both need a closing mark
        b.sub(_SPACE_BEFORE_CLOSE, "")
        b.sub(_CLOSE_GLUED, "” ")
    b.sub(re.compile(r" +(?=[,.;:!?])"), "")
    return NormalizedText(original=original, text=b.text, offsets=b.offsets, datelines=datelines)
