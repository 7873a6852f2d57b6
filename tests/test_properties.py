"""Property-based tests: any Unicode string gives a valid record, with every offset inside
the text, and quotes either balanced or flagged as unclosed. CI runs the example counts set
here (DYADWATCH_HYPOTHESIS_EXAMPLES overrides them)."""
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyadwatch.records import Extraction, Failure, InputDocument
from dyadwatch.text.normalize import normalize

MARKS = set('"“”„«»')
EXAMPLES = int(os.environ.get("DYADWATCH_HYPOTHESIS_EXAMPLES", "0")) or None
NEWSY = st.text(alphabet=st.sampled_from(list(
    "Russia accused Ukraine of attacks. “He said,” Biden met Putin in Geneva on Monday. "
    "\"'”“‘’«»()[]…—–-.\n\t\u00a0\u200b\x00\x07éß中ع😀")), max_size=300)
ANY = st.text(max_size=300)


def _check_record(text: str, result) -> None:
    assert isinstance(result, (Extraction, Failure))
    if isinstance(result, Failure):
        assert result.reason
        return
    for e in result.events:
        assert 0 <= e.start <= e.end <= len(text)
        assert e.sentence and e.sentence in text
        assert e.quad_class in (1, 2, 3, 4) and e.source.code
    for q in result.quotes:
        assert 0 <= q.start <= q.end <= len(text)
        assert text[q.start:q.end] == q.text
        assert q.kind in ("direct", "indirect", "mixed")
    for a in result.actors:
        assert text[a.start:a.end] == a.text


@settings(max_examples=EXAMPLES or 300, deadline=None)
@given(st.one_of(ANY, NEWSY))
def test_normalize_keeps_a_valid_offset_map(text):
    n = normalize(text)
    assert len(n.offsets) == len(n.text) + 1
    assert all(0 <= o <= len(text) for o in n.offsets)
    assert all(a <= b for a, b in zip(n.offsets, n.offsets[1:]))
    for start in range(0, len(n.text), 7):
        s, e = n.to_original(start, min(len(n.text), start + 5))
        assert 0 <= s <= e <= len(text)


@settings(max_examples=EXAMPLES or 120, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.one_of(ANY, NEWSY))
def test_extract_any_text_gives_a_valid_record(pipeline, text):
    _check_record(text, pipeline.process(InputDocument("h", text, "2021-06-11")))


@settings(max_examples=EXAMPLES or 120, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(NEWSY)
def test_quotes_are_balanced_or_flagged(pipeline, text):
    """A closed direct quote ends at a quote mark of the original; an unclosed one runs to the
    end of its paragraph and says so."""
    result = pipeline.process(InputDocument("q", text, "2021-06-11"))
    if isinstance(result, Failure):
        return
    for q in result.quotes:
        if q.kind == "indirect" or q.cue == "according to":
            continue
        rest = text[q.end:]
        if q.closed:
            assert rest.lstrip(" \t\u00a0\u200b\x00\x07")[:1] in MARKS, (q, rest[:5])
        else:
            assert not any(c in MARKS for c in rest.split("\n", 1)[0]), (q, rest[:20])
