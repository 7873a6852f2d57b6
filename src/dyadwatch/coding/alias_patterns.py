"""The alias matcher's patterns: every way a dictionary name is written in text, as tokens."""
from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.language import Language
from spacy.tokens import Doc

from dyadwatch.kb.names import PLURAL_POSSESSIVE, without_accents

PLAIN_WORDS = re.compile(r"[A-Za-z]+(?: [A-Za-z]+)*")


def alias_docs(nlp: Language, aliases: set[str]) -> Iterator[Doc]:
    """Every spelling of the aliases (`spellings`) split as the tokenizer splits it. Most are
    plain words ("abu dhabi"): with no punctuation, no digit and none of the tokenizer's
    exceptions ("Im" -> "I", "m"), their tokens are their words, so they skip the tokenizer
    (about 2 s of the matcher's 6 at load)."""
    exceptions = nlp.tokenizer.rules or {}
    others = []
    for text in sorted(spellings(aliases)):
        words = text.split(" ")
        if PLAIN_WORDS.fullmatch(text) and not any(
                w in exceptions or w.lower() in exceptions or w.title() in exceptions
                for w in words):
            yield Doc(nlp.vocab, words=words)
        else:
            others.append(text)
    yield from nlp.tokenizer.pipe(others)


def spellings(aliases: set[str]) -> set[str]:
    """The ways an alias is written in text, for tokenizing it as the text will be: as listed,
    in title case where case changes the tokens (the tokenizer's exceptions split "u.s." unlike
    "U.S.", "mr." unlike "Mr."), without a leading "the" (which `alias_key` drops), and with
    either apostrophe, and a plural possessive as a singular one (as `alias_key` reads it)."""
    out = set()
    for alias in aliases:
        cased = (alias, alias.title()) if any(c in alias for c in ".'’") else (alias,)
        for form in cased:
            out.add(form)
            if form[:4].lower() == "the ":
                out.add(form[4:])
    out |= {PLURAL_POSSESSIVE.sub("'s", f) for f in out if "s'" in f}  # "People's Party"
    out |= {f.replace("'", "’") for f in out if "'" in f}
    out |= {without_accents(f) for f in out if not f.isascii()}  # as `_matches` reads text
    return out
