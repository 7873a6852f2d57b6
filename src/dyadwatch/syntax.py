"""Small questions asked of the dependency parse by several stages."""
from __future__ import annotations

from spacy.tokens import Token


def own_subjects(tok: Token) -> list[Token]:
    return [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]


def subjects(verb: Token) -> list[Token]:
    """The verb's subject, or the one it shares with the verb it hangs on
    ("Biden said ... and warned", "ready to attend", "announced sanctions, punishing Moscow")."""
    tok = verb
    for _ in range(6):
        subj = own_subjects(tok)
        if subj:
            return subj
        if tok.dep_ == "relcl":
            return [tok.head]
        if tok.dep_ == "xcomp":  # "asked Obama to help": the object acts
            objs = [c for c in tok.head.children if c.dep_ == "dobj"]
            if objs:
                return objs
        if tok.dep_ in ("xcomp", "conj", "acomp") or (
                tok.dep_ == "advcl" and tok.tag_ == "VBG" and tok.head.pos_ != "AUX"):
            tok = tok.head
            continue
        break
    return []


def expand_conjuncts(heads: list[Token]) -> list[Token]:
    """Coordinated heads: 'the US, Britain and Canada' -> each of them."""
    out: list[Token] = []
    for h in heads:
        stack = [h]
        while stack:
            t = stack.pop(0)
            if t not in out:
                out.append(t)
            stack.extend(c for c in t.children if c.dep_ == "conj")
    return out


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
