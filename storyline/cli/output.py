"""Printing rows as a rich table, JSON lines or CSV: one function serves every listing command."""
from __future__ import annotations

import csv
import json
import sys
from datetime import date, datetime
from typing import Sequence

from rich.console import Console
from rich.table import Table

FORMATS = ("table", "jsonl", "csv")


def _plain(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def stdout_console() -> Console:
    console = Console()
    if not console.is_terminal:  # piped or captured: don't squeeze tables into 80 columns
        console = Console(width=220)
    return console


def print_rows(rows: Sequence[dict], fmt: str, columns: Sequence[str], title: str = "") -> None:
    """`columns` chooses and orders the table's columns; jsonl and csv carry every field."""
    if fmt == "jsonl":
        for row in rows:
            sys.stdout.write(json.dumps({k: _plain(v) for k, v in row.items()}, ensure_ascii=False) + "\n")
        return
    if fmt == "csv":
        if rows:
            writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows({k: _plain(v) for k, v in row.items()} for row in rows)
        return
    table = Table(title=title or None, show_lines=False, expand=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*("" if row.get(c) is None else str(_plain(row.get(c))) for c in columns))
    stdout_console().print(table)
    Console(stderr=True).print(f"[dim]{len(rows)} row(s)[/dim]")
