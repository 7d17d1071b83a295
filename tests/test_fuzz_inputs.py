"""Fuzzing the readers and `extract`: random bytes, cut lines, other encodings and broken JSON
mixed into batches of good reports. Whatever the bad input, every good report comes through
whole, each problem is named with its line, and nothing raises."""
import io
import json
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from storyline.cli.main import app
from storyline.ingest.readers import read_inputs, read_jsonl_lines
from storyline.models import InputError, Report

# The target is 10,000 batches; STORYLINE_FUZZ_EXAMPLES lowers it for quick local runs.
JSONL_BATCHES = int(os.environ.get("STORYLINE_FUZZ_EXAMPLES", "10000"))
FUZZ = settings(max_examples=JSONL_BATCHES, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

WORDS = ["the", "envoy", "Mbeki", "talks", "truce", "in", "Kisumu", "said", "rebels", "on", "Monday",
         "ceasefire", "Zaïre", "accord", "délégation", "“quoted”", "—", "army", "withdrew"]

good_texts = st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(" ".join)


def report_line(report_id: str, text: str) -> bytes:
    return json.dumps({"id": report_id, "text": text, "published": "2023-05-02"}, ensure_ascii=False).encode()


@st.composite
def bad_lines(draw, text: str) -> bytes:
    """One line's worth of bad input (it may hold newlines of its own)."""
    kind = draw(st.sampled_from(["bytes", "cut", "latin-1", "utf-16", "bad-byte", "not-object", "no-text"]))
    line = report_line("bad", text + " é")
    if kind == "bytes":
        return draw(st.binary(min_size=1, max_size=80))
    if kind == "cut":
        return line[:draw(st.integers(1, len(line) - 1))]
    if kind in ("latin-1", "utf-16"):
        return line.decode().encode(kind, errors="replace")
    if kind == "bad-byte":
        at = draw(st.integers(0, len(line)))
        return line[:at] + draw(st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\x80\x80"])) + line[at:]
    if kind == "not-object":
        return json.dumps([text]).encode()
    return json.dumps({"id": "bad", "title": text}).encode()


@st.composite
def batches(draw):
    """JSONL bytes of good reports with bad lines between them, and the good reports by id."""
    good: dict[str, str] = {}
    lines: list[bytes] = []
    for i in range(draw(st.integers(1, 8))):
        for _ in range(draw(st.integers(0, 2))):
            lines.append(draw(bad_lines(draw(good_texts))))
        good[f"g{i}"] = draw(good_texts)
        lines.append(report_line(f"g{i}", good[f"g{i}"]))
    ending = draw(st.sampled_from([b"\n", b"\r\n"]))
    return ending.join(lines) + draw(st.sampled_from([b"", ending])), good


def check_batch(results: list, good: dict[str, str]) -> None:
    reports = {r.id: r.text for r in results if isinstance(r, Report)}
    assert {i: reports.get(i) for i in good} == good
    for r in results:
        assert isinstance(r, (Report, InputError))
        if isinstance(r, InputError):
            assert ":" in str(r) and str(r).split(":")[1].isdigit(), str(r)   # "file:line: ..."


@FUZZ
@given(batches())
def test_jsonl_batches_keep_every_good_report(batch):
    data, good = batch
    check_batch(list(read_jsonl_lines(io.BytesIO(data), "batch.jsonl")), good)


@settings(FUZZ, max_examples=max(JSONL_BATCHES // 20, 50))
@given(batches(), st.integers(0, 10_000))
def test_a_cut_file_keeps_the_reports_before_the_cut(batch, cut):
    data, good = batch
    data = data[:cut % (len(data) + 1)]
    whole_lines = data[:data.rfind(b"\n") + 1] if b"\n" in data else b""
    before = {i: t for i, t in good.items() if report_line(i, t) in whole_lines}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "cut.jsonl"
        path.write_bytes(data)
        check_batch(list(read_inputs([str(path)])), before)


@settings(FUZZ, max_examples=max(JSONL_BATCHES // 20, 50))
@given(batches())
def test_stdin_batches_keep_every_good_report(batch):
    data, good = batch
    stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")   # as sys.stdin is: bytes under text
    check_batch(list(read_inputs(["-"], stdin=stdin)), good)


@settings(FUZZ, max_examples=max(JSONL_BATCHES // 50, 40))
@given(st.lists(st.tuples(st.sampled_from([".txt", ".html", ".jsonl"]), st.binary(max_size=300)), max_size=5),
       good_texts)
def test_bad_files_in_a_folder_cost_only_themselves(bad_files, text):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "a-good.txt").write_text(text, encoding="utf-8")
        (folder / "m-good.html").write_text(f"<html><body><article><p>{text}</p><p>{text}.</p></article></body></html>",
                                            encoding="utf-8")
        (folder / "z-good.jsonl").write_bytes(report_line("z", text) + b"\n")
        for i, (suffix, raw) in enumerate(bad_files):
            (folder / f"fuzz{i}{suffix}").write_bytes(raw)
        results = list(read_inputs([tmp]))
    reports = {r.id: r for r in results if isinstance(r, Report)}
    assert reports["a-good"].text == text and reports["z"].text == text
    assert text in reports["m-good"].text
    assert all(isinstance(r, (Report, InputError)) for r in results)


@settings(FUZZ, max_examples=25)
@given(batches())
def test_extract_keeps_every_good_report(batch):
    """The whole `extract` command, with the real pipeline, over a fuzzed batch."""
    data, good = batch
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "batch.jsonl"
        path.write_bytes(data)
        result = CliRunner().invoke(app, ["extract", str(path)])
    records = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert good.keys() <= {r["id"] for r in records}
    assert result.exit_code in (0, 1), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
