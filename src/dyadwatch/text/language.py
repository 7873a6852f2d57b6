"""Which language a document is in (py3langid, model shipped in the wheel): we code English
news only, and say so instead of coding other languages into nonsense."""
from __future__ import annotations

import re

# languages news corpora mix in most often; a closed set keeps short texts from odd guesses
CANDIDATES = ["en", "es", "fr", "de", "it", "pt", "nl", "ru", "uk", "pl", "tr", "ar", "fa", "he",
              "zh", "ja", "ko", "hi", "id", "vi", "sv", "ro", "el", "cs", "hu"]
MIN_LETTERS = 60  # shorter texts are coded whatever they look like
MIN_PROBABILITY = 0.8
SAMPLE_CHARS = 2000  # enough to tell a language apart; the cost stays flat with length
# English news has a quarter of its words among these function words; other languages
# that share a few of them ("in", "is") stay far below a fifth
ENGLISH_WORD_SHARE = 0.2
MIN_WORDS = 30
# a short text (a wire sentence, a headline and its lead) needs a larger share: Danish "at" and
# "her", Tagalog "at" are a tenth of their words at most
SHORT_TEXT_WORDS, SHORT_TEXT_SHARE = 10, 0.3
_WORD = re.compile(r"[a-z]+")


class LanguageCheck:
    """py3langid's model restricted to `candidates`, loaded once per check object."""

    def __init__(self, candidates: list[str] = CANDIDATES, min_letters: int = MIN_LETTERS,
                 min_probability: float = MIN_PROBABILITY,
                 english_words: frozenset[str] = frozenset()) -> None:
        """`english_words`: words only English uses this often ("the", "of", "said"); a text
        where they are ENGLISH_WORD_SHARE of the words is English without asking the model."""
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        self.identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        self.identifier.set_languages(candidates)
        self.min_letters, self.min_probability = min_letters, min_probability
        # `min_letters` letters with anything between them: matched from the start, the
        # search stops at the last letter it needs instead of listing every letter
        self._enough_letters = re.compile(rf"(?:[\W\d_]*[^\W\d_]){{{min_letters}}}")
        self.english_words = english_words

    def foreign(self, text: str) -> tuple[str, float] | None:
        """(language, probability) when a text is confidently not English, else None."""
        sample = text[:SAMPLE_CHARS]
        if self._enough_letters.match(sample) is None:  # fewer letters than min_letters
            return None
        words = _WORD.findall(sample.lower())
        if len(words) >= SHORT_TEXT_WORDS:
            share = ENGLISH_WORD_SHARE if len(words) >= MIN_WORDS else SHORT_TEXT_SHARE
            if sum(w in self.english_words for w in words) >= share * len(words):
                return None
        lang, prob = self.identifier.classify(sample)
        if lang != "en" and prob >= self.min_probability:
            return lang, float(prob)
        return None
