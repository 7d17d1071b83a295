"""Printing evaluation scores."""
from __future__ import annotations

import json
from typing import Sequence

from rich.console import Console
from rich.table import Table

from .core import Score


def print_scores(scores: Sequence[Score], as_json: bool = False) -> None:
    if as_json:
        for s in scores:
            print(json.dumps(s.to_dict()))
        return
    table = Table(title="storyline eval")
    for column in ("dataset", "task", "P", "R", "F1", "tp/fp/fn", "accuracies on matches", "note"):
        table.add_column(column, overflow="fold")
    for s in scores:
        acc = "; ".join(f"{k} {r}/{t} = {r / t:.3f}" for k, (r, t) in s.accuracies.items() if t)
        counted = s.tp + s.fp + s.fn > 0
        table.add_row(s.dataset, s.task,
                      f"{s.precision:.3f}" if counted else "", f"{s.recall:.3f}" if counted else "",
                      f"{s.f1:.3f}" if counted else "", f"{s.tp}/{s.fp}/{s.fn}" if counted else "", acc, s.note)
    Console(width=200).print(table)
