"""The alias matcher's patterns skip the tokenizer for plain words: they must be the tokens the
tokenizer makes, or a name written in an article would not be found."""
from __future__ import annotations

from dyadwatch.coding.alias_patterns import alias_docs, spellings


def words(doc):
    return tuple(t.lower_ for t in doc if not t.is_space)


def test_every_alias_has_the_tokens_the_tokenizer_gives_it(pipeline):
    aliases = pipeline.knowledge.actors.alias_forms
    fast = {d.text.strip(): words(d) for d in alias_docs(pipeline.nlp, aliases)}
    texts = sorted(spellings(aliases))
    slow = {t: words(d) for t, d in zip(texts, pipeline.nlp.tokenizer.pipe(texts))}
    assert len(fast) == len(slow) > 50_000
    assert fast == slow


def test_the_tokenizers_exceptions_still_split_a_name(pipeline):
    # "Im" is one of the tokenizer's exceptions ("I'm" written without its apostrophe)
    [doc] = alias_docs(pipeline.nlp, {"Im Chhun Lim"})
    assert words(doc) == tuple(t.lower_ for t in pipeline.nlp.tokenizer("Im Chhun Lim"))
    assert len(doc) == 4
