"""Shared fixtures: one pipeline per test session, and the project's shared/ folder."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def pipeline():
    from dyadwatch.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def rules_only(pipeline):
    """The session's pipeline without its event model: every candidate the rules propose is
    kept. Built once: its stages (the alias matcher above all) take seconds to build."""
    from dyadwatch.pipeline import Pipeline

    return Pipeline(knowledge=pipeline.knowledge, decide=False)


@pytest.fixture
def candidates(rules_only):
    """Code one text with the rules alone (every candidate, no event model): for tests of what
    a rule proposes, apart from what the model then keeps."""
    from dyadwatch.records import InputDocument

    def run(text: str, published: str = "2021-06-11"):
        return rules_only.process(InputDocument("t", text, published))

    return run


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "gold" / "seed.jsonl").exists():
        pytest.skip(f"shared data not found at {SHARED} (the gold sets live beside the clone)")
    return SHARED


@pytest.fixture
def code(pipeline):
    """Code one text; returns the Extraction."""
    from dyadwatch.records import InputDocument

    def run(text: str, published: str = "2021-06-11"):
        return pipeline.process(InputDocument("t", text, published))

    return run


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dyadwatch", *args], input=stdin,
                          capture_output=True, timeout=300)


def load_jsonl(text: str | bytes) -> list[dict]:
    if isinstance(text, bytes):
        text = text.decode("utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]
