#!/usr/bin/env python3
"""Coverage-guided fuzzing (atheris) of the whole extraction, bounded in time.

    python bench/fuzz_extract.py [-max_total_time=120] [-seed=1] [corpus_dir ...]

Any byte string is decoded the way `ingest` decodes files, then extracted; the record is
checked as in tests/test_properties.py. A crash or a broken record stops the run with the
input that caused it. Prints the number of runs at the end (libFuzzer's own lines).
"""
import sys

import atheris

with atheris.instrument_imports():
    from dyadwatch.io.readers import decode
    from dyadwatch.pipeline import Pipeline
    from dyadwatch.records import Failure, InputDocument

PIPELINE = Pipeline()


def one_input(data: bytes) -> None:
    text = decode(data, "fuzz", lambda msg: None)
    result = PIPELINE.process(InputDocument("fuzz", text, "2021-06-11"))
    if isinstance(result, Failure):
        assert result.reason
        return
    for e in result.events:
        assert 0 <= e.start <= e.end <= len(text) and e.sentence in text
    for q in result.quotes:
        assert text[q.start:q.end] == q.text


if __name__ == "__main__":
    args = sys.argv + ([] if any(a.startswith("-max_total_time") for a in sys.argv)
                       else ["-max_total_time=120"])
    atheris.Setup(args, one_input)
    atheris.Fuzz()
