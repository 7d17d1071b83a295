"""Shared fixtures: one real pipeline per test session, and the bundled example reports."""
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
