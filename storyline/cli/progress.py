"""Progress on long work: a rich bar on a terminal; elsewhere (a log file, a cron job, CI) a line
every few seconds, so that a run of hours is never silent."""
from __future__ import annotations

import os
import time
from typing import Optional

from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from .common import err

# Seconds between progress lines when standard error is not a terminal.
LINE_EVERY = float(os.environ.get("STORYLINE_PROGRESS_SECONDS", "10"))


class WorkProgress:
    """Counts of a run's reports (`analysed`, `stored`, ...) shown as they change."""

    def __init__(self, label: str, total: Optional[int] = None, every: float = LINE_EVERY):
        self.label, self.total, self.every = label, total, every
        self.counts: dict[str, int] = {}
        self._started = self._last_line = time.monotonic()
        self._bar: Optional[Progress] = None

    def __enter__(self) -> "WorkProgress":
        if err.is_terminal:
            self._bar = Progress(SpinnerColumn(), TextColumn(self.label), BarColumn(), MofNCompleteColumn(),
                                 TextColumn("{task.fields[counts]}"), TimeElapsedColumn(), console=err,
                                 transient=True)
            self._bar.start()
            self._task = self._bar.add_task(self.label, total=self.total, counts="")
        return self

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.stop()

    def add(self, what: str, n: int = 1) -> None:
        self.counts[what] = self.counts.get(what, 0) + n
        if self._bar is not None:
            self._bar.update(self._task, completed=self.counts.get("analysed", 0), counts=self.summary())
        elif time.monotonic() - self._last_line >= self.every:
            self._last_line = time.monotonic()
            err.print(f"{self.label}: {self.summary()}", highlight=False)

    def summary(self) -> str:
        elapsed = max(time.monotonic() - self._started, 1e-9)
        parts = [f"{n} {what}" for what, n in self.counts.items()]
        rate = self.counts.get("analysed", 0) / elapsed
        return ", ".join(parts) + f" ({rate:.1f} reports/s)"
