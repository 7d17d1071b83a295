"""Reading reports from files, folders and standard input.

Every reader yields either a `Report` or an `InputError` that names the input (and the line for
JSONL). Callers report the errors and go on with the rest of the batch: one bad document in a
batch of thousands is skipped, not fatal.
"""
from __future__ import annotations

import codecs
import json
import re
import sys
from datetime import date, datetime
from pathlib import Path
from typing import IO, Iterable, Iterator, Optional, Union

from ..models import InputError, Report

# A news report is tens of kilobytes; a file far larger than this is a mistake (a dump, a log,
# a binary) and parsing it would take minutes and gigabytes.
MAX_REPORT_CHARS = 1_000_000
# A JSONL line holds the text with its JSON escapes (up to 6 characters for one) and the other fields.
MAX_LINE_CHARS = MAX_REPORT_CHARS * 6 + 100_000
SUPPORTED_SUFFIXES = {".jsonl", ".txt", ".html", ".htm"}
KNOWN_FIELDS = {"id", "text", "url", "outlet", "published", "title"}

ReadResult = Union[Report, InputError]


def read_inputs(inputs: Iterable[str], published: Optional[str] = None,
                stdin: Optional[IO] = None) -> Iterator[ReadResult]:
    """Reports from every input: files, folders (recursively, supported suffixes), or '-' for stdin."""
    default_date = publication_date(published, "--published") if published else None
    seen_ids: set[str] = set()
    for item in inputs:
        for result in _read_one(item, stdin):
            if isinstance(result, Report):
                if result.published is None and default_date:
                    result.published = default_date
                if result.id in seen_ids:
                    yield InputError(f"{result.origin}: duplicate id {result.id!r} in this batch; skipped")
                    continue
                seen_ids.add(result.id)
            yield result


def _read_one(item: str, stdin: Optional[IO]) -> Iterator[ReadResult]:
    if item == "-":
        stream = stdin or sys.stdin
        yield from read_jsonl_lines(getattr(stream, "buffer", stream), "<stdin>")
        return
    path = Path(item)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES)
        if not files:
            yield InputError(f"{path}: folder holds no .jsonl, .txt or .html files")
        for f in files:
            yield from read_file(f)
    elif path.exists():
        yield from read_file(path)
    else:
        yield InputError(f"{path}: no such file or folder")


def read_file(path: Path) -> Iterator[ReadResult]:
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        yield InputError(f"{path}: unsupported file type {suffix or '(none)'}; use .jsonl, .txt or .html")
        return
    try:
        if suffix == ".jsonl":
            with path.open("rb") as fh:
                yield from read_jsonl_lines(fh, str(path))
            return
        size = path.stat().st_size
        if size > MAX_REPORT_CHARS * 4:
            yield InputError(f"{path}: {size / 1e6:.1f} MB is too large for one report "
                             f"(limit {MAX_REPORT_CHARS:,} characters)")
            return
        raw = path.read_bytes()
    except OSError as exc:
        yield InputError(f"{path}: cannot be read ({exc.strerror or exc})")
        return
    try:
        text = decode_html(raw, str(path)) if suffix != ".txt" else decode_text(raw, str(path))
        report = report_from_txt(text, path) if suffix == ".txt" else report_from_html(text, path)
        yield _checked(report, str(path))
    except InputError as exc:
        yield exc


def decode_text(raw: bytes, origin: str) -> str:
    """A whole file's text: UTF-8 (with or without a byte-order mark), else InputError."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputError(f"{origin}: UTF-16 text; convert it to UTF-8 first")
    if b"\x00" in raw[:8192]:
        raise InputError(f"{origin}: binary file (NUL bytes), not text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{origin}: not valid UTF-8 ({exc.reason} at byte {exc.start}); "
                         "convert it to UTF-8 first") from None


_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_.:-]+)""", re.I)


def decode_html(raw: bytes, origin: str) -> str:
    """A page's text: UTF-8, else the character set the page declares (pages scraped from older
    sites are often windows-1252 or latin-1, and say so)."""
    try:
        return decode_text(raw, origin)
    except InputError as not_utf8:
        declared = _DECLARED_CHARSET.search(raw[:4096])
        if not declared:
            raise
        charset = declared.group(1).decode("ascii")
        try:
            return raw.decode(charset)
        except (LookupError, UnicodeDecodeError):
            raise InputError(f"{origin}: not valid UTF-8, nor the {charset!r} it declares; "
                             "convert it to UTF-8 first") from not_utf8


def read_jsonl_lines(lines: Iterable[Union[bytes, str]], origin: str) -> Iterator[ReadResult]:
    """One report (or InputError naming `origin` and the line) per non-blank line. Each line is
    decoded on its own, so bad bytes cost only the report on their line."""
    for lineno, line in enumerate(lines, start=1):
        where = f"{origin}:{lineno}"
        if isinstance(line, bytes):
            if line.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                yield InputError(f"{where}: UTF-16 text; convert the file to UTF-8 first")
                continue
            try:
                line = line.decode("utf-8-sig" if lineno == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                yield InputError(f"{where}: not valid UTF-8 ({exc.reason} at column {exc.start + 1}); "
                                 "line skipped")
                continue
        if not line.strip():
            continue
        if len(line) > MAX_LINE_CHARS:
            yield InputError(f"{where}: line of {len(line):,} characters is too long for one report "
                             f"(limit {MAX_REPORT_CHARS:,} characters of text)")
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            # some of json's messages end in "at" ("Invalid control character at")
            yield InputError(f"{where}: malformed JSON ({exc.msg.removesuffix(' at')} at column {exc.colno})")
            continue
        except RecursionError:
            yield InputError(f"{where}: malformed JSON (nested too deeply)")
            continue
        try:
            yield usable_report(obj, where)
        except InputError as exc:
            yield exc


def usable_report(obj: object, where: str) -> Report:
    """A checked Report from an input object (the JSONL fields), or InputError naming `where`."""
    return _checked(report_from_object(obj, where), where)


def report_from_object(obj: object, where: str) -> Report:
    if not isinstance(obj, dict):
        raise InputError(f"{where}: expected a JSON object, got {type(obj).__name__}")
    missing = [k for k in ("id", "text") if obj.get(k) in (None, "")]
    if missing:
        raise InputError(f"{where}: missing required field(s) {', '.join(missing)}")
    if not isinstance(obj["text"], str):
        raise InputError(f"{where}: field 'text' must be a string")
    if isinstance(obj["id"], bool) or not isinstance(obj["id"], (str, int)):
        raise InputError(f"{where}: field 'id' must be a string (or an integer), not {type(obj['id']).__name__}")
    published = obj.get("published")
    return Report(
        id=str(obj["id"]), text=obj["text"], url=_opt_str(obj, "url", where), outlet=_opt_str(obj, "outlet", where),
        published=publication_date(published, where) if published else None,
        title=_opt_str(obj, "title", where),
        extra={k: v for k, v in obj.items() if k not in KNOWN_FIELDS}, origin=where,
    )


def report_from_txt(text: str, path: Path) -> Report:
    """A .txt report: the first line is the headline when it is short and followed by a blank line."""
    title = None
    first, sep, rest = text.partition("\n")
    if sep and len(first) < 200 and rest.startswith(("\n", "\r\n")) and not first.rstrip().endswith("."):
        title = first.strip() or None
    return Report(id=path.stem, text=text, title=title, origin=str(path))


def report_from_html(html: str, path: Path) -> Report:
    import trafilatura

    try:
        extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                                include_tables=False)
    except Exception as exc:  # trafilatura raises assorted lxml errors on broken markup
        raise InputError(f"{path}: could not read HTML ({type(exc).__name__}: {exc})") from None
    data = extracted.as_dict() if hasattr(extracted, "as_dict") else (extracted or {})
    text = (data.get("text") or "").strip()
    if not text:
        raise InputError(f"{path}: no article text found in the HTML")
    published = data.get("date")
    try:
        published = publication_date(published, str(path)) if published else None
    except InputError:
        published = None
    return Report(id=path.stem, text=text, url=data.get("url"), outlet=data.get("sitename") or data.get("hostname"),
                  published=published, title=data.get("title"), origin=str(path))


def _checked(report: Report, where: str) -> Report:
    if not report.text.strip():
        raise InputError(f"{where}: empty report text")
    if len(report.text) > MAX_REPORT_CHARS:
        raise InputError(f"{where}: report text is {len(report.text):,} characters "
                         f"(limit {MAX_REPORT_CHARS:,}); split it or check the input")
    if "\x00" in report.text:
        raise InputError(f"{where}: text holds NUL characters (binary data?)")
    return report


_DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}")


def normalise_date(value: object, where: str) -> str:
    """YYYY-MM-DD from a date or ISO timestamp string; InputError otherwise."""
    if isinstance(value, (date, datetime)):
        return value.strftime("%Y-%m-%d")
    s = str(value).strip()
    m = _DATE_PREFIX.match(s)
    if m:
        try:
            return date.fromisoformat(m.group(0)).isoformat()
        except ValueError:
            pass
    raise InputError(f"{where}: published {s!r} is not a date (use YYYY-MM-DD or an ISO timestamp)")


# Reports' dates are resolved against their publication day, and stories compare days weeks
# apart: a day outside these years is a mistake in the input, and near the calendar's ends the
# arithmetic would overflow.
FIRST_PUBLICATION_YEAR, LAST_PUBLICATION_YEAR = 1800, 2199


def publication_date(value: object, where: str) -> str:
    """normalise_date for a report's publication day, which must lie in the years above."""
    day = normalise_date(value, where)
    if not FIRST_PUBLICATION_YEAR <= int(day[:4]) <= LAST_PUBLICATION_YEAR:
        raise InputError(f"{where}: published {day} is outside the years {FIRST_PUBLICATION_YEAR}-"
                         f"{LAST_PUBLICATION_YEAR}; check the input's dates")
    return day


def _opt_str(obj: dict, key: str, where: str) -> Optional[str]:
    value = obj.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InputError(f"{where}: field {key!r} must be a string, not {type(value).__name__}")
    return value
