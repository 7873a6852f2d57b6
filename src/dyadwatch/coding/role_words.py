"""The role a head noun names ("foreign minister", "a former Nigerian president", "Kremlin
critic Alexey Navalny"), looked up in the actor knowledge base's role list."""
from __future__ import annotations

from spacy.tokens import Token

from dyadwatch.coding.context import DocContext
from dyadwatch.coding.inflection import noun_singulars


def role_of(ctx: DocContext, tok: Token):
    """The role and the words that name it, trying multiword roles first; (None, [])."""
    mods = [c for c in ctx.children(tok) if c.dep_ in ("compound", "amod") and c.i < tok.i]
    # "a former Nigerian president": the role words around a nationality
    unnamed = [c for c in mods if c.i not in ctx.mention_at]
    if len(unnamed) < len(mods) and unnamed:
        role, toks = _role_of_words(ctx, tok, unnamed)
        if role and len(toks) > 1:
            return role, toks
    return _role_of_words(ctx, tok, mods)


def _role_of_words(ctx: DocContext, tok: Token, mods: list[Token]):
    kb = ctx.knowledge.actors
    for k in range(len(mods), -1, -1):
        words = [t.lower_ for t in mods[len(mods) - k:]] + [tok.lower_]
        role = kb.role(" ".join(words)) or next(
            (r for base in noun_singulars(tok) if (r := kb.role(" ".join(words[:-1] + [base])))),
            None)
        if role:
            return role, mods[len(mods) - k:] + [tok]
    # "Kremlin critic Alexey Navalny": the title sits on a compound of the name
    for c in ctx.children(tok):
        if c.dep_ == "compound" and c.i < tok.i:
            role = kb.role(c.lower_)
            if role:
                return role, [c]
    return None, []
