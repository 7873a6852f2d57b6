"""Base forms read off a word, for the lemmas the small English model gets wrong ("staged" ->
"stag", "armies" -> "armies"): the tagger's lemma first, then the regular guesses."""
from __future__ import annotations

from spacy.tokens import Token


def noun_singulars(tok: Token) -> list[str]:
    """The tagger's lemma, then plain singulars ("armies" -> "army")."""
    w = tok.lower_
    out = [tok.lemma_.lower()]
    if w.endswith("ies"):
        out.append(w[:-3] + "y")
    elif w.endswith("s"):
        out.append(w[:-1])
    return out


def verb_lemmas(verb: Token) -> list[str]:
    """The tagger's lemma, then base forms of regular inflections, without repeats."""
    w, out = verb.lower_, [verb.lemma_.lower()]
    if w.endswith("ied"):
        out.append(w[:-3] + "y")
    elif w.endswith("ed"):
        out += [w[:-1], w[:-2]] + ([w[:-3]] if len(w) > 4 and w[-3] == w[-4] else [])
    elif w.endswith("ing"):
        out += [w[:-3], w[:-3] + "e"] + ([w[:-4]] if len(w) > 5 and w[-4] == w[-5] else [])
    elif w.endswith("es"):
        out += [w[:-2], w[:-1]]
    elif w.endswith("s"):
        out.append(w[:-1])
    return list(dict.fromkeys(out))
