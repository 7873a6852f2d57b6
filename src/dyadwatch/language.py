"""Which language a document is in (py3langid, model shipped in the wheel): we code English
news only, and say so instead of coding other languages into nonsense."""
from __future__ import annotations

import functools
import re

# languages news corpora mix in most often; a closed set keeps short texts from odd guesses
CANDIDATES = ["en", "es", "fr", "de", "it", "pt", "nl", "ru", "uk", "pl", "tr", "ar", "fa", "he",
              "zh", "ja", "ko", "hi", "id", "vi", "sv", "ro", "el", "cs", "hu"]
MIN_LETTERS = 60  # shorter texts are coded whatever they look like
MIN_PROBABILITY = 0.8


@functools.lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages(CANDIDATES)
    return ident


def foreign_language(text: str) -> tuple[str, float] | None:
    """(language, probability) when a text is confidently not English, else None."""
    sample = text[:5000]
    if len(re.findall(r"[^\W\d_]", sample)) < MIN_LETTERS:
        return None
    lang, prob = _identifier().classify(sample)
    if lang != "en" and prob >= MIN_PROBABILITY:
        return lang, float(prob)
    return None
