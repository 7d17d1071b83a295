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


@pytest.fixture(scope="session")
def postgres_server():
    """Base URL (postgresql://user@host:port) of a throwaway PostgreSQL server for the session."""
    import os

    from postgres_server import REQUIRED_ENV, Server, binaries

    bindir = binaries()
    if bindir is None:
        if os.environ.get(REQUIRED_ENV):
            pytest.fail("PostgreSQL is not installed (run .ci/install-postgres.sh)")
        pytest.skip("PostgreSQL is not installed (.ci/install-postgres.sh installs it)")
    server = Server(bindir)
    url = server.start()
    yield url
    server.stop()


@pytest.fixture
def postgres_url(postgres_server):
    """A new, empty database on the session's server."""
    import uuid

    import psycopg

    name = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(postgres_server + "/postgres", autocommit=True) as con:
        con.execute(f"CREATE DATABASE {name}")
    yield f"{postgres_server}/{name}"
    with psycopg.connect(postgres_server + "/postgres", autocommit=True) as con:
        con.execute(f"DROP DATABASE {name} WITH (FORCE)")
