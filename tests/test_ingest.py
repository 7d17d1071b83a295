"""Reading reports: every input kind, and bad input named clearly without stopping the batch."""
import io
import json

import pytest

from storyline.ingest.readers import MAX_REPORT_CHARS, read_inputs
from storyline.models import InputError, Report

STORY = "Qatari mediators met Hamas negotiators in Doha on Monday to discuss a new truce proposal."


def results(*inputs, **kw):
    return list(read_inputs([str(i) for i in inputs], **kw))


def errors(items):
    return [str(x) for x in items if isinstance(x, InputError)]


def test_jsonl_fields_and_passthrough(tmp_path):
    f = tmp_path / "batch.jsonl"
    f.write_text(json.dumps({"id": "a1", "text": STORY, "published": "2024-11-18T08:30:00Z", "outlet": "x",
                             "section": "world"}) + "\n", encoding="utf-8")
    (report,) = results(f)
    assert report.published == "2024-11-18"
    assert report.extra == {"section": "world"}
    assert report.origin == f"{f}:1"


def test_txt_title_and_default_date(tmp_path):
    f = tmp_path / "doha-talks.txt"
    f.write_text("Talks resume in Doha\n\n" + STORY + "\n", encoding="utf-8")
    (report,) = results(f, published="2024-11-19")
    assert (report.id, report.title, report.published) == ("doha-talks", "Talks resume in Doha", "2024-11-19")
    assert report.text.startswith("Talks resume in Doha")


def test_html_article_text_and_metadata(tmp_path):
    f = tmp_path / "page.html"
    f.write_text(
        "<html><head><title>Truce talks</title>"
        '<meta property="article:published_time" content="2024-10-30T10:00:00Z"></head>'
        "<body><nav>Home | World | Sport</nav><article><h1>Truce talks</h1>"
        f"<p>{STORY}</p><p>The Egyptian foreign minister said Cairo would host the next round.</p>"
        "</article><footer>All rights reserved</footer></body></html>", encoding="utf-8")
    (report,) = results(f)
    assert isinstance(report, Report), report
    assert "Qatari mediators met Hamas" in report.text and "All rights reserved" not in report.text
    assert report.published == "2024-10-30"


def test_stdin_jsonl():
    stdin = io.StringIO(json.dumps({"id": "s1", "text": STORY}) + "\n")
    (report,) = results("-", stdin=stdin)
    assert report.id == "s1" and report.origin == "<stdin>:1"


def test_bad_inputs_are_named_and_the_rest_is_read(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(STORY, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "latin1.txt").write_bytes("Beyrouth, l'envoy\xe9 am\xe9ricain".encode("latin-1"))
    (tmp_path / "broken.html").write_text("<html><body><div><p>", encoding="utf-8")
    lines = [json.dumps({"id": "j1", "text": STORY}), '{"id": "j2", "text": "unterminated',
             json.dumps({"id": "j3"}), json.dumps(["not", "an", "object"]), json.dumps({"id": "j1", "text": STORY + "!"}),
             json.dumps({"id": "j4", "text": STORY, "published": "last Tuesday"}), json.dumps({"id": "j5", "text": STORY})]
    (tmp_path / "mixed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = results(tmp_path)
    ok = sorted(r.id for r in out if isinstance(r, Report))
    assert ok == ["good", "j1", "j5"]
    msgs = errors(out)
    expect = ["binary.txt: binary file", "broken.html: no article text", "empty.txt: empty report text",
              "latin1.txt: not valid UTF-8", "mixed.jsonl:2: malformed JSON", "mixed.jsonl:3: missing required field(s) text",
              "mixed.jsonl:4: expected a JSON object", "mixed.jsonl:5: duplicate id 'j1'",
              "mixed.jsonl:6: published 'last Tuesday' is not a date"]
    for fragment in expect:
        assert any(fragment in m for m in msgs), (fragment, msgs)
    assert len(msgs) == len(expect)


def test_huge_text_file_is_refused_without_reading_it_all(tmp_path):
    big = tmp_path / "dump.txt"
    with big.open("w", encoding="utf-8") as fh:
        line = STORY + "\n"
        for _ in range(50_000_000 // len(line) + 1):
            fh.write(line)
    assert big.stat().st_size >= 50_000_000
    (msg,) = errors(results(big))
    assert "dump.txt" in msg and "too large" in msg


def test_huge_jsonl_record_is_refused(tmp_path):
    f = tmp_path / "big.jsonl"
    f.write_text(json.dumps({"id": "big", "text": "word " * (MAX_REPORT_CHARS // 4)}) + "\n", encoding="utf-8")
    (msg,) = errors(results(f))
    assert "big.jsonl:1" in msg and "limit" in msg


def test_missing_path_and_unsupported_type(tmp_path):
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    msgs = errors(results(tmp_path / "nope.jsonl", tmp_path / "notes.docx"))
    assert "no such file" in msgs[0] and "unsupported file type .docx" in msgs[1]


@pytest.mark.parametrize("value,expected", [("2024-11-18", "2024-11-18"), ("2024-11-18T23:59:00+02:00", "2024-11-18")])
def test_published_normalised(tmp_path, value, expected):
    f = tmp_path / "d.jsonl"
    f.write_text(json.dumps({"id": "d", "text": STORY, "published": value}), encoding="utf-8")
    assert results(f)[0].published == expected


def test_bad_bytes_in_one_jsonl_line_cost_only_that_report(tmp_path):
    lines = [json.dumps({"id": f"r{i}", "text": f"{STORY} ({i})"}).encode() for i in range(21)]
    lines[1] = lines[1].replace(b"Doha", b"Do\xffha")          # the bad line second, as in the issue
    lines[14] = b'{"id": "r14", "text": "tab\there"}'           # a raw control character in a string
    f = tmp_path / "batch.jsonl"
    f.write_bytes(b"\n".join(lines) + b"\n")
    out = results(f)
    assert sorted(r.id for r in out if isinstance(r, Report)) == sorted(f"r{i}" for i in range(21) if i not in (1, 14))
    assert errors(out) == [f"{f}:2: not valid UTF-8 (invalid start byte at column 67); line skipped",
                           f"{f}:15: malformed JSON (Invalid control character at column 27)"]


def test_report_fields_of_the_wrong_type_are_named(tmp_path):
    f = tmp_path / "types.jsonl"
    f.write_text("\n".join([json.dumps({"id": {"x": 1}, "text": STORY}), json.dumps({"id": 7, "text": STORY}),
                            json.dumps({"id": "u", "text": STORY + ".", "url": ["a"]}),
                            json.dumps({"id": "far", "text": STORY + "!", "published": "9999-12-30"})]) + "\n",
                 encoding="utf-8")
    out = results(f)
    assert [r.id for r in out if isinstance(r, Report)] == ["7"]
    assert errors(out) == [f"{f}:1: field 'id' must be a string (or an integer), not dict",
                           f"{f}:3: field 'url' must be a string, not list",
                           f"{f}:4: published 9999-12-30 is outside the years 1800-2199; check the input's dates"]


def test_a_page_in_the_character_set_it_declares_is_read(tmp_path):
    page = ("<html><head><meta charset=\"windows-1252\"><title>Pourparlers</title></head><body><article>"
            f"<p>{STORY} Le médiateur a déclaré que la trêve tenait.</p><p>{STORY}</p></article></body></html>")
    (tmp_path / "cp1252.html").write_bytes(page.encode("cp1252"))
    (tmp_path / "wrong.html").write_bytes(page.replace("windows-1252", "no-such-charset").encode("cp1252"))
    out = results(tmp_path)
    (report,) = [r for r in out if isinstance(r, Report)]
    assert "Le médiateur a déclaré" in report.text
    assert errors(out) == [f"{tmp_path / 'wrong.html'}: not valid UTF-8, nor the 'no-such-charset' it declares; "
                           "convert it to UTF-8 first"]
