"""The parts of a news article: its headline (and standfirst), the lines around it (bylines,
agency tags, date lines, place lines), photo captions and credit lines, and the body.

Real pages are not a flat run of sentences: a headline has no full stop, "By AFP" or
"Clare Jim and Tony Munroe, Reuters" is nobody acting, and "Malian army forces patrol east of
Timbuktu in 2015. By PHILIPPE DESMAZES (AFP/File)" is a caption from another day. Paragraphs
are the runs of text between blank lines; each gets one role. The cues (news agencies, credit
phrases) are passed in, from the knowledge's word classes.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

BODY, HEADLINE, BYLINE, CAPTION, CREDIT = "body", "headline", "byline", "caption", "credit"
# roles whose sentences report no act of their own (a headline restates its article's lead)
SILENT_ROLES = frozenset({HEADLINE, BYLINE, CAPTION, CREDIT})
MAX_HEADLINE_WORDS = 40
MAX_BYLINE_WORDS = 10
MAX_CREDIT_WORDS = 25  # "Lincoln Pigman contributed reporting from Moscow." is a line, not a story

_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*")
_ENDS_SENTENCE = re.compile(r"[.!?…][\"”’')\]]*\s*$")
_MONTH = (r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?")
_WEEKDAY = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?"
# "January 12, 2019 12:35 pm", "Friday, 8th February 2019", "Posted: Jun 19, 2014 5:04 AM",
# "Posted at Aug 04 2019 11:07 PM", "Updated 3 hours ago"
_DATE_LINE = re.compile(
    rf"^(?:(?:Posted|Published|Updated|Last updated)\b[: ]*(?:at|on)?\s*)?(?:{_WEEKDAY},?\s*)?"
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?)?,?\s*"
    rf"(?:\d{{4}})?[\s,]*(?:\d{{1,2}}[:.]\d{{2}}\s*(?:[ap]\.?m\.?|AM|PM)?)?\s*(?:[A-Z]{{2,4}}T?)?$")
_HAS_DIGIT_OR_MONTH = re.compile(rf"\d|{_MONTH}|{_WEEKDAY}")
PLACE_LINE = re.compile(r"^[A-Z][A-Z .,'’/-]{1,40}$")  # "CARACAS", "AP, SEOUL" has a comma: ok
_BY = re.compile(r"^By\s+[A-Z]")
# a caption that ends with its photo credit: "(AFP/File)", "(Photo: Reuters)", "Kim Kyung-Hoon,
# Reuters", "Sergei Vedyashkin / Moskva News Agency"; or starts with "FILE -", "AFP FILE-"
_CAPTION_START = re.compile(r"^(?:[A-Z]{2,8}\s+)?FILE(?:\s+PHOTO)?\s*[-–—:]")


# a hard-wrapped text: most lines inside its paragraphs, and at least this many, are this long
# and run on across the line break (a page's header lines, "Agencies", "June 28, 2021", are short)
WRAPPED_MIN_LINES = 5
WRAPPED_MIN_CHARS = 30
# a line of two or three words and no digit ("The United") may be a name broken over two lines
MIN_HEADER_LINE_WORDS = 4


def header_line_breaks(text: str) -> list[int]:
    """Where the lines at the top of an article end that no full stop ends ("Border Guard
    Killed in Kashmir", "Agencies", "April 07, 2024") when only one line break, not a blank
    line, parts them from a line that does not start in lower case: each is a unit of its
    own (sentence and paragraph), up to the first line that ends a sentence. A hard-wrapped
    text has none."""
    lines = text.split("\n")
    inner = [ln for ln, nxt in zip(lines, lines[1:]) if ln.strip() and nxt.strip()]
    run_on = [ln for ln in inner if len(ln) >= WRAPPED_MIN_CHARS and not _ENDS_SENTENCE.search(ln)]
    if len(run_on) >= WRAPPED_MIN_LINES and len(run_on) * 2 > len(inner):
        return []
    out, at = [], 0
    for ln, nxt in zip(lines, lines[1:]):
        at += len(ln) + 1
        words = ln.split()
        if not words:
            continue
        if _ENDS_SENTENCE.search(ln) or len(words) > MAX_HEADLINE_WORDS:
            break
        following = nxt.lstrip()[:1]
        if following and not following.islower() and (
                len(words) == 1 or len(words) >= MIN_HEADER_LINE_WORDS or
                any(c.isdigit() for c in ln)):
            out.append(at - 1)  # not "The United\nStates imposed": a name broken over lines
    return out


@dataclass(frozen=True, slots=True)
class Paragraph:
    start: int  # character offsets in the text the structure was read from
    end: int
    role: str


class ArticleStructure:
    def __init__(self, agencies: frozenset[str], credit_phrases: frozenset[str]) -> None:
        """`agencies`: news agencies and outlets that sign wire copy ("afp", "reuters");
        `credit_phrases`: what marks a credit line ("contributed reporting", "photo:")."""
        self.agencies = agencies
        self.credit_phrases = credit_phrases
        names = "|".join(sorted((re.escape(a) for a in agencies), key=len, reverse=True))
        self._agency = re.compile(rf"\b(?:{names})\b", re.I) if names else re.compile(r"(?!)")
        self._credit_end = re.compile(
            rf"(?:\([^()]*\b(?:{names}|photo|file|getty|images)\b[^()]*\)|"
            rf"[,/]\s*(?:[A-Z][\w.'’-]*\s+){{0,3}}(?:{names})(?:\s+[A-Z][\w]*){{0,3}})\.?\s*$",
            re.I) if names else re.compile(r"(?!)")

    def paragraphs(self, text: str) -> list[Paragraph]:
        """Every paragraph of `text` with its role, in order."""
        out: list[Paragraph] = []
        in_head = True  # before the first body paragraph
        breaks = header_line_breaks(text)  # in text order
        for m in _PARAGRAPH.finditer(text):
            cuts = breaks[bisect_right(breaks, m.start()):bisect_left(breaks, m.end())]
            for start, end in zip([m.start()] + [b + 1 for b in cuts], cuts + [m.end()]):
                para = text[start:end].strip()
                if not para:
                    continue
                role = self.role(para, in_head)
                if role == BODY:
                    in_head = False
                out.append(Paragraph(start, end, role))
        if all(p.role != BODY for p in out):  # a headline needs an article under it
            out = [Paragraph(p.start, p.end, BODY if p.role == HEADLINE else p.role) for p in out]
        return out

    def role(self, para: str, in_head: bool) -> str:
        words = para.split()
        if _CAPTION_START.match(para) or (self._credit_end.search(para) and
                                          _ENDS_SENTENCE.search(para.rstrip(")")) is None
                                          and not para.endswith(('"', "”"))):
            return CAPTION if len(words) > MAX_BYLINE_WORDS else BYLINE
        if len(words) <= MAX_BYLINE_WORDS and not _ENDS_SENTENCE.search(para):
            if _BY.match(para) or PLACE_LINE.match(para) or self._only_agencies(para) or (
                    _HAS_DIGIT_OR_MONTH.search(para) and _DATE_LINE.match(para)):
                return BYLINE
            if self._agency.search(para) and "," in para:  # "Clare Jim and Tony Munroe, Reuters"
                return BYLINE
        if in_head and not _ENDS_SENTENCE.search(para) and len(words) <= MAX_HEADLINE_WORDS:
            return HEADLINE
        return BODY

    def is_credit(self, text: str) -> bool:
        """'Jaak Tamm contributed reporting', '(Reporting by X; Editing by Y)': a credit."""
        low = text.lower()
        return any(phrase in low for phrase in self.credit_phrases)

    def sentence_role(self, paragraph_role: str, sentence: str) -> str:
        """A sentence's role: its paragraph's, or a credit line of its own ("Jaak Tamm
        contributed reporting.", "(Reporting by X; Editing by Y)", "Photo: AP")."""
        if paragraph_role in (BODY, HEADLINE) and len(sentence.split()) <= MAX_CREDIT_WORDS and \
                self.is_credit(sentence):
            return CREDIT
        return paragraph_role

    def _only_agencies(self, para: str) -> bool:
        """'AFP', 'AP News', 'Reuters staff': an agency's name and little else."""
        rest = self._agency.sub("", para)
        return rest != para and len(re.findall(r"[A-Za-z]{3,}", rest)) <= 1


def role_at(paragraphs: list[Paragraph], char: int) -> str:
    """The role of the paragraph holding character `char` (body if none does); `paragraphs`
    in text order, searched by halves so a long article stays linear."""
    i = bisect_right(paragraphs, char, key=lambda p: p.start) - 1
    return paragraphs[i].role if i >= 0 and char < paragraphs[i].end else BODY
