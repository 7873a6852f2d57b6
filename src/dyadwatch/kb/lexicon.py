"""Verb patterns (verb lemma + words around it -> CAMEO code), event nouns and reporting verbs,
from data files. The pattern files' headers document their columns and flags."""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, replace

from spacy.tokens import Token

from dyadwatch.kb.resources import DataFiles

# how far a pattern's first word may stand from the verb, and each next word from the last
FIRST_WORD_WINDOW = 12
NEXT_WORD_WINDOW = 3
# token forms whose pattern words are kept; bounded so that a long run cannot grow it forever
WORD_SET_CACHE_SIZE = 100_000


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
        self._in_synsets: dict[str, set[str]] = defaultdict(set)  # word -> synsets holding it
        self._word_sets: dict[tuple[int, int], frozenset[str]] = {}
        # verb -> its patterns filed by word (`_candidates`), made when the verb is first met
        self._pattern_index: dict[str, tuple[dict[str, list[int]], list[int]]] = {}
        self.nominals: dict[str, tuple[str, frozenset[str], bool]] = {}
        self._second_words: set[str] = set()  # last words of the two-word nominals

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
            self.patterns[verb] = sorted(pats + self.patterns[verb], key=lambda p: -p.specificity)
        self._pattern_index.clear()

    def load_synsets(self, name: str) -> None:
        for r in self.files.rows(name):
            synset, member = r["synset"].lower(), r["member"].split()[-1]
            self.synsets[synset].add(member)
            self._in_synsets[member].add(synset)
        self._word_sets.clear()

    def _word_set(self, tok: Token) -> frozenset[str]:
        """Every pattern word a token of this form matches: its form and lemma, each prefix of
        five letters or more of its form ("sanction" matches "sanctions"), and the synonym sets
        (&NAME) holding any of those. Memoised per form: the same few thousand recur."""
        key = (tok.lower, tok.lemma)  # the form and lemma by their ids: no strings made
        found = self._word_sets.get(key)
        if found is None:
            low, lemma = tok.lower_, tok.lemma_.lower()
            words = {low, lemma, *(low[:n] for n in range(5, len(low)))}
            grown = True
            while grown:  # synonym sets may hold synonym sets
                more = {s for w in words for s in self._in_synsets.get(w, ())} - words
                words |= more
                grown = bool(more)
            found = frozenset(words)
            if len(self._word_sets) < WORD_SET_CACHE_SIZE:
                self._word_sets[key] = found
        return found

    def _forms(self, toks: list[Token]) -> list[tuple[int, frozenset[str], Token]]:
        return [(t.i, self._word_set(t), t) for t in toks]

    @staticmethod
    def _match_seq(words: tuple[str, ...], forms: list, anchor: int, obj_end: int = -1):
        """Find `words` in order among the tokens' `forms` (ordered away from the verb) near
        `anchor`. The verb's object, up to token `obj_end`, counts as one word, as PETRARCH
        reads a noun phrase: 'ordered the diplomats from Argentina, Chile, ... to leave'."""
        pos, last = 0, anchor
        matched: list[Token] = []
        for i, word_set, tok in forms:
            if pos == len(words):
                break
            if abs(i - last) > (FIRST_WORD_WINDOW if pos == 0 else NEXT_WORD_WINDOW):
                return None
            if words[pos] in word_set and not _temporal_preposition(tok) and not (
                    pos == 0 and tok.pos_ == "ADP" and tok.head.i != anchor):
                # a pattern's first word, if a preposition, is the verb's own ("called on
                # Chile", not "called the sanctions on officials a continuation")
                matched.append(tok)
                pos += 1
                last = i
            elif pos == 0 and i <= obj_end:
                last = i
        return matched if pos == len(words) else None

    def match(self, verb_key: str, verb: Token, left: list[Token], right: list[Token]):
        """The most specific pattern of this verb whose words stand around it (the first
        among equals), or its default."""
        best, best_toks = None, []
        candidates: list[VerbPattern] = []
        if self.patterns.get(verb_key):  # the clause's words, read once a pattern needs them
            after_forms, before_forms = self._forms(right), self._forms(left[::-1])
            after_words = frozenset().union(*(f[1] for f in after_forms))
            before_words = frozenset().union(*(f[1] for f in before_forms))
            candidates = self._candidates(verb_key, after_words | before_words)
            obj_end = max((c.right_edge.i for c in verb.children if c.dep_ == "dobj"), default=-1)
        for p in candidates:  # most specific first
            if not (after_words.issuperset(p.after) and before_words.issuperset(p.before)):
                continue
            after = self._match_seq(p.after, after_forms, verb.i, obj_end) if p.after else []
            before = self._match_seq(p.before[::-1], before_forms, verb.i) if p.before else []
            if after is not None and before is not None:
                best, best_toks = p, before + after
                break
        if best is None:
            best = self.defaults.get(verb_key)
        if best is not None and verb_key in self.verb_flags:
            best = replace(best, flags=best.flags | self.verb_flags[verb_key])
        return best, best_toks

    def _candidates(self, verb_key: str, words: frozenset[str]) -> list[VerbPattern]:
        """The verb's patterns, most specific first, that may fit a clause of these words:
        each pattern is filed under the one of its words fewest of the verb's patterns share
        (a pattern with no words is always a candidate), so a verb with hundreds of patterns
        ("say", "make") is not tried pattern by pattern."""
        index = self._pattern_index.get(verb_key)
        if index is None:
            index = self._pattern_index[verb_key] = _index_patterns(self.patterns[verb_key])
        by_word, always = index
        at = set(always)
        for w in by_word.keys() & words:
            at.update(by_word[w])
        patterns = self.patterns[verb_key]
        return [patterns[i] for i in sorted(at)]

    def load_nominals(self, name: str) -> None:
        for r in self.files.rows(name):
            self.nominals[r["noun"]] = (r["code"], frozenset(r["preps"].split("|")), r["mutual"] == "1")
            if " " in r["noun"]:
                self._second_words.add(r["noun"].split(" ")[-1])

    def nominal(self, noun: Token):
        """(code, prepositions, mutual) for an event noun, two-word names first ("phone call")."""
        low = noun.lower_
        left = noun.doc[noun.i - 1] if noun.i > 0 and low in self._second_words else None
        if left is not None and left.dep_ in ("compound", "amod"):
            spec = self.nominals.get(f"{left.lower_} {low}")
            if spec:
                return spec
        return self.nominals.get(low)

    def known(self, verb_key: str) -> bool:
        return verb_key in self.patterns or self.defaults.get(verb_key) is not None

    def has_patterns(self, verb_key: str) -> bool:
        """Whether any pattern of this key names words around the verb (else only its
        default applies, and `match` needs no clause)."""
        return bool(self.patterns.get(verb_key))


def _index_patterns(patterns: list[VerbPattern]) -> tuple[dict[str, list[int]], list[int]]:
    """(word -> the positions of the patterns filed under it, the positions of the patterns
    with no words): `VerbLexicon._candidates`."""
    shared = Counter(w for p in patterns for w in set(p.before + p.after))
    by_word: dict[str, list[int]] = defaultdict(list)
    always = []
    for i, p in enumerate(patterns):
        words = p.before + p.after
        if words:
            by_word[min(words, key=lambda w: (shared[w], w))].append(i)
        else:
            always.append(i)
    return dict(by_word), always


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
