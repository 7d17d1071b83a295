"""The Python API returns the same objects as the command line."""
import json

import pytest
from typer.testing import CliRunner

import storyline
from storyline.cli.main import app

TEXT = ("Egyptian mediators met a Hamas delegation in Cairo on Monday, two Egyptian officials said. "
        "Israel's Prime Minister Benjamin Netanyahu said on Tuesday that Israel would not withdraw from Gaza.")


def test_extract_matches_cli():
    record = storyline.extract(TEXT, published="2024-11-20", id="api-1", outlet="example")
    line = json.dumps({"id": "api-1", "text": TEXT, "published": "2024-11-20", "outlet": "example"})
    cli = CliRunner().invoke(app, ["extract", "-"], input=line + "\n")
    assert cli.exit_code == 0
    assert json.loads(cli.stdout) == record
    assert record["events"] and record["quotes"] and record["timexes"]


def test_extract_many_in_order_and_bad_report_raises():
    out = list(storyline.extract_many([{"id": "a", "text": TEXT, "published": "2024-11-20"},
                                       {"id": "b", "text": TEXT.upper(), "published": "2024-11-21"}]))
    assert [r["id"] for r in out] == ["a", "b"]
    with pytest.raises(storyline.InputError, match="report 1: empty report text"):
        list(storyline.extract_many([{"id": "c", "text": "  "}]))
