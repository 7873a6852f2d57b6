"""The Python API: typed records, one document or a stream."""
import dyadwatch
from dyadwatch.records import Event, Extraction, Failure, Quote


def test_extract_returns_typed_records():
    result = dyadwatch.extract("Russia recalled its ambassador from Washington.", "2021-03-20")
    assert isinstance(result, Extraction)
    assert all(isinstance(e, Event) for e in result.events)
    assert result.events and result.events[0].source.code == "RUS"
    assert all(isinstance(q, Quote) for q in result.quotes)


def test_batch_streams_and_reports_failures():
    docs = [("a", "Iran accused Israel of sabotage."), ("b", ""), ("c", "Japan praised India.")]
    results = list(dyadwatch.extract_batch(docs))
    assert [type(r) for r in results] == [Extraction, Failure, Extraction]
    assert results[1].doc_id == "b" and "empty" in results[1].reason
