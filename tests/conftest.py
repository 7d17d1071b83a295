"""Shared fixtures: one real pipeline per test session, and the bundled example reports."""
from functools import partial
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "reports"


@pytest.fixture(scope="session")
def pipeline():
    from storyline.pipeline import default_pipeline

    return default_pipeline()


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES


def events_of(rdoc, event_type: str) -> list:
    """A report's events of one PLOVER type."""
    return [e for e in rdoc.events if e.event == event_type]


def annotator(pipeline, published: str):
    """Run the real pipeline on a one-report text published on `published` (unless a call says
    otherwise)."""
    from storyline.models import Report

    def run(text: str, published: str):
        return pipeline.annotate(Report(id="t", text=text, published=published))
    return partial(run, published=published)
