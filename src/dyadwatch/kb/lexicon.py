"""Verb patterns (verb lemma + words around it -> CAMEO code), event nouns and reporting verbs,
from data files. The pattern files' headers document their columns and flags."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace

from spacy.tokens import Token

from dyadwatch.kb.resources import DataFiles

# how far a pattern's first word may stand from the verb, and each next word from the last
FIRST_WORD_WINDOW = 12
NEXT_WORD_WINDOW = 3
# (pattern word, token form) results kept; bounded so that a long run cannot grow it forever
MATCH_CACHE_SIZE = 200_000


@dataclass(frozen=True, slots=True)
class VerbPattern:
    verb: str
    before: tuple[str, ...]
    after: tuple[str, ...]
    code: str  # "-": the act is coded only the other way round (`reverse`)
    flags: frozenset[str]
    source: str
    reverse: str = ""  # what the target does to the source by the same act

    def describe(self) -> str:
        words = " ".join(self.before + ("*",) + self.after) if (self.before or self.after) else "*"
        back = f" (target -> source: {self.reverse})" if self.reverse else ""
        return f"{self.source}: {self.verb} [{words.replace('*', self.verb.upper())}] -> {self.code}{back}"

    @property
    def specificity(self) -> int:
        return len(self.before) + len(self.after)


class VerbLexicon:
    def __init__(self, files: DataFiles) -> None:
        self.files = files
        self.defaults: dict[str, VerbPattern | None] = {}
        self.patterns: dict[str, list[VerbPattern]] = defaultdict(list)
        self.synsets: dict[str, set[str]] = defaultdict(set)
        self.verb_flags: dict[str, frozenset[str]] = {}
        self._match_cache: dict[tuple[str, str, str], bool] = {}
        self.nominals: dict[str, tuple[str, frozenset[str], bool]] = {}

    def load(self, name: str, source: str) -> None:
        curated: dict[str, list[VerbPattern]] = defaultdict(list)
        for r in self.files.rows(name):
            flags = frozenset(f for f in (r.get("flags") or "").split(",") if f)
            p = VerbPattern(r["verb"], tuple(r["before"].split()), tuple(r["after"].split()),
                            r["code"], flags, source, r.get("reverse") or "")
            if r["kind"] == "verb":
                self.defaults[p.verb] = None if p.code == "-" and not p.reverse else p
                if flags:  # a verb's flags hold for all its patterns ("is opposed to")
                    self.verb_flags[p.verb] = flags
            else:
                curated[p.verb].append(p)
        for verb, pats in curated.items():  # later files come first among equals
            self.patterns[verb] = pats + self.patterns[verb]

    def load_synsets(self, name: str) -> None:
        for r in self.files.rows(name):
            self.synsets[r["synset"].lower()].add(r["member"].split()[-1])

    def word_matches(self, word: str, tok: Token) -> bool:
        return self._matches(word, tok.lower_, tok.lemma_.lower())

    def _matches(self, word: str, low: str, lemma: str) -> bool:
        """Memoised per (pattern word, token form): the same few thousand pairs recur in
        every article, and synonym sets make each check a loop."""
        key = (word, low, lemma)
        hit = self._match_cache.get(key)
        if hit is None:
            if word.startswith("&"):
                hit = any(self._matches(m, low, lemma) for m in self.synsets.get(word, ()))
            else:
                hit = low == word or lemma == word or (len(word) >= 5 and low.startswith(word))
            if len(self._match_cache) < MATCH_CACHE_SIZE:
                self._match_cache[key] = hit
        return hit

    def _match_seq(self, words: tuple[str, ...], toks: list[Token], anchor: int):
        """Find `words` in order among `toks` (ordered away from the verb) near `anchor`."""
        pos, last = 0, anchor
        matched: list[Token] = []
        for tok in toks:
            if pos == len(words):
                break
            gap = abs(tok.i - last)
            if gap > (FIRST_WORD_WINDOW if pos == 0 else NEXT_WORD_WINDOW):
                return None
            if self.word_matches(words[pos], tok) and not _temporal_preposition(tok):
                matched.append(tok)
                pos += 1
                last = tok.i
        return matched if pos == len(words) else None

    def match(self, verb_key: str, verb: Token, left: list[Token], right: list[Token]):
        """The most specific pattern of this verb whose words stand around it, or its default."""
        best, best_toks = None, []
        for p in self.patterns.get(verb_key, ()):
            if best is not None and p.specificity <= best.specificity:
                continue
            after = self._match_seq(p.after, right, verb.i) if p.after else []
            before = self._match_seq(tuple(reversed(p.before)), list(reversed(left)), verb.i) if p.before else []
            if after is not None and before is not None:
                best, best_toks = p, before + after
        if best is None:
            best = self.defaults.get(verb_key)
        if best is not None and verb_key in self.verb_flags:
            best = replace(best, flags=best.flags | self.verb_flags[verb_key])
        return best, best_toks

    def load_nominals(self, name: str) -> None:
        for r in self.files.rows(name):
            self.nominals[r["noun"]] = (r["code"], frozenset(r["preps"].split("|")), r["mutual"] == "1")

    def nominal(self, noun: Token):
        """(code, prepositions, mutual) for an event noun, two-word names first ("phone call")."""
        left = noun.doc[noun.i - 1] if noun.i > 0 else None
        if left is not None and left.dep_ in ("compound", "amod"):
            spec = self.nominals.get(f"{left.lower_} {noun.lower_}")
            if spec:
                return spec
        return self.nominals.get(noun.lower_)

    def known(self, verb_key: str) -> bool:
        return verb_key in self.patterns or self.defaults.get(verb_key) is not None


def _temporal_preposition(tok: Token) -> bool:
    """'on Tuesday', 'in April': a preposition of time is not the one a pattern means
    ("call on" is an appeal; "called Putin on Tuesday" is not)."""
    return tok.pos_ == "ADP" and any(c.dep_ == "pobj" and c.ent_type_ in ("DATE", "TIME")
                                     for c in tok.children)


def load_lexicon(files: DataFiles) -> VerbLexicon:
    lex = VerbLexicon(files)
    lex.load("verb_patterns_petrarch2.tsv", "petrarch2")
    lex.load("verb_patterns_curated.tsv", "curated")
    lex.load_synsets("verb_synsets_petrarch2.tsv")
    lex.load_nominals("nominal_events_curated.tsv")
    return lex


class ReportingVerbs:
    """Forms and lemmas of speech verbs ("said", "told", "accused")."""

    FILES = ("reporting_verbs_ggt.txt", "reporting_verbs_curated.txt")

    def __init__(self, files: DataFiles) -> None:
        self.words = frozenset(w.lower() for name in self.FILES for w in files.words(name))

    def __call__(self, tok: Token) -> bool:
        return tok.lemma_.lower() in self.words or tok.lower_ in self.words
