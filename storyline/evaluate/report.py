"""Printing evaluation scores: every row, the errors by class, and the dev sets side by side."""
from __future__ import annotations

import json
from typing import Optional, Sequence

from rich.console import Console
from rich.table import Table

from .core import DEV_SETS, Score

# The headline figures compared across development sets: (label, task, figure), where figure is
# "P", "R", "F1" or the name of an accuracy counted on matches.
HEADLINES = [
    ("events: type F1 (sentence match)", "events", "F1"),
    ("events: precision", "events", "P"),
    ("events: recall", "events", "R"),
    ("events: actor country", "events", "actor_country"),
    ("events: recipient country", "events", "recipient_country"),
    ("events: modality", "events", "modality"),
    ("events: mode", "events", "mode"),
    ("events: date", "events", "date"),
    ("actors: code+sector on found", "actors", "code+sector"),
    ("actors: code on found", "actors", "code"),
    ("actors: recall", "actors", "R"),
    ("quotes: F1", "quotes", "F1"),
    ("quotes: speaker", "quotes", "speaker"),
    ("quotes: anonymous recall", "quotes", "anonymous_recall"),
    ("timexes: span F1 (strict)", "timexes-strict", "F1"),
    ("timexes: value", "timexes-strict", "value"),
]


def figure(score: Score, name: str) -> Optional[float]:
    if name in ("P", "R", "F1"):
        if score.tp + score.fp + score.fn == 0:
            return None
        return {"P": score.precision, "R": score.recall, "F1": score.f1}[name]
    return score.accuracy(name)


def side_by_side(scores: Sequence[Score]) -> list[dict]:
    """One row per headline figure with its value on each development set scored."""
    by_key = {(s.dataset, s.task): s for s in scores}
    sets = [d for d in DEV_SETS if any(s.dataset == d for s in scores)]
    rows = []
    for label, task, name in HEADLINES:
        values = {d: figure(by_key[(d, task)], name) if (d, task) in by_key else None for d in sets}
        if any(v is not None for v in values.values()):
            rows.append({"figure": label, **values})
    return rows


def print_scores(scores: Sequence[Score], as_json: bool = False) -> None:
    if as_json:
        for s in scores:
            print(json.dumps(s.to_dict()))
        return
    console = Console(width=200)
    table = Table(title="storyline eval")
    for column in ("dataset", "task", "P", "R", "F1", "tp/fp/fn", "accuracies on matches", "note"):
        table.add_column(column, overflow="fold")
    for s in scores:
        acc = "; ".join(f"{k} {r}/{t} = {r / t:.3f}" for k, (r, t) in s.accuracies.items() if t)
        counted = s.tp + s.fp + s.fn > 0
        table.add_row(s.dataset, s.task,
                      f"{s.precision:.3f}" if counted else "", f"{s.recall:.3f}" if counted else "",
                      f"{s.f1:.3f}" if counted else "", f"{s.tp}/{s.fp}/{s.fn}" if counted else "", acc, s.note)
    console.print(table)
    with_errors = [s for s in scores if s.errors]
    if with_errors:
        errors = Table(title="errors by class (read these, fix the mechanism)")
        for column in ("dataset", "task", "class", "count"):
            errors.add_column(column, overflow="fold")
        for s in with_errors:
            for name, count in sorted(s.errors.items(), key=lambda kv: (kv[0].split(":")[0], -kv[1])):
                errors.add_row(s.dataset, s.task, name, str(count))
        console.print(errors)
    rows = side_by_side(scores)
    if rows:
        sets = [k for k in rows[0] if k != "figure"]
        summary = Table(title="development sets side by side")
        summary.add_column("figure")
        for d in sets:
            summary.add_column(d, justify="right")
        for row in rows:
            summary.add_row(row["figure"], *(f"{row[d]:.3f}" if row[d] is not None else "" for d in sets))
        console.print(summary)
