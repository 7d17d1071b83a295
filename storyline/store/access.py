"""Opening a DuckDB store file so that processes take turns instead of failing.

DuckDB lets one process write a database file, or several processes read it, never both at
once. So storyline keeps every hold on the file short: an ingest opens it only to write a
batch (never while it analyses), a command for as long as it reads, the server for one burst of
requests (`SharedStore`). A process that finds the file locked waits and tries again. A writer
that has to wait leaves a marker file (`<store>.writer`, holding its process id) that asks
readers to let go and wait for it, so that a busy dashboard cannot keep an ingest out. After
`wait` seconds the opener gives up with `StoreBusy`, whose one-line message names the process
holding the file.
"""
from __future__ import annotations

import logging
import os
import re
import threading
import time
from contextlib import AbstractContextManager, ExitStack, contextmanager, suppress
from pathlib import Path
from typing import Callable, Iterator, Optional, TypeVar

import duckdb

# Long enough to outlast a batch being written by another ingest (seconds, even on a big store);
# short enough that a command stuck behind a process that never lets go says so.
DEFAULT_WAIT = float(os.environ.get("STORYLINE_STORE_WAIT", "120"))
_FIRST_PAUSE, _LONGEST_PAUSE = 0.02, 0.25
_SAY_AFTER = 2.0   # seconds of waiting before the wait is logged
_HOLDER = re.compile(r"\(PID (\d+)\)")

T = TypeVar("T")
logger = logging.getLogger(__name__)


class StoreBusy(RuntimeError):
    """The store file stayed locked by another process for longer than the caller would wait."""


def is_file(path: str) -> bool:
    return path != ":memory:" and not path.startswith(":memory:")


def connect(path: str, read_only: bool, wait: float = DEFAULT_WAIT) -> duckdb.DuckDBPyConnection:
    """A connection to the store at `path`, waiting up to `wait` seconds for another process to
    let go of the file."""
    if not is_file(path):
        return duckdb.connect(path)
    if read_only:
        _wait_for_writers(path, wait)
        return _retrying(path, lambda: duckdb.connect(path, read_only=True), wait)
    marker = _WriterMarker(path)
    try:
        return _retrying(path, lambda: duckdb.connect(path), wait, on_conflict=marker.leave)
    finally:
        marker.remove()


def writer_waiting(path: str) -> bool:
    """Whether a live process other than this one is waiting to write the store."""
    try:
        pid = int(Path(path + ".writer").read_text().strip() or 0)
    except (OSError, ValueError):
        return False
    return pid != os.getpid() and _alive(pid)


def _wait_for_writers(path: str, wait: float) -> None:
    deadline = time.monotonic() + wait
    while writer_waiting(path) and time.monotonic() < deadline:
        time.sleep(_FIRST_PAUSE)


def _retrying(path: str, opener: Callable[[], T], wait: float, on_conflict: Callable[[], None] = lambda: None) -> T:
    started = time.monotonic()
    pause, told = _FIRST_PAUSE, False
    while True:
        try:
            return opener()
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise
            waited = time.monotonic() - started
            if waited >= wait:
                raise StoreBusy(f"{path}: the store is in use by {_holder(str(exc))} and was not let go "
                                f"within {wait:.0f} s; try again when it is done") from None
            if waited >= _SAY_AFTER and not told:   # a wait of seconds is worth a word, once
                logger.warning("%s: in use by %s; waiting for it (up to %.0f s)", path, _holder(str(exc)), wait)
                told = True
            on_conflict()
            time.sleep(pause)
            pause = min(pause * 2, _LONGEST_PAUSE)


def _holder(message: str) -> str:
    """'process 123 (storyline serve --db x.duckdb)', from DuckDB's lock message."""
    m = _HOLDER.search(message)
    if not m:
        return "another process"
    pid = m.group(1)
    try:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        command = " ".join(a.decode(errors="replace") for a in argv if a)
    except OSError:
        command = ""
    return f"process {pid} ({command})" if command else f"process {pid}"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class _WriterMarker:
    """The `<store>.writer` file a waiting writer leaves for readers."""

    def __init__(self, path: str):
        self.file = Path(path + ".writer")
        self.left = False

    def leave(self) -> None:
        if not self.left or not self.file.exists():   # another writer may have taken it away
            with suppress(OSError):
                self.file.write_text(str(os.getpid()))
                self.left = True

    def remove(self) -> None:
        if self.left:
            with suppress(OSError):
                if self.file.read_text().strip() == str(os.getpid()):
                    self.file.unlink()


class SharedStore:
    """One store opened on demand and shared by a server's threads.

    The file is held while requests use it and let go once it has been idle for `idle` seconds,
    or at once when a writer is waiting, so that an ingest (or a command) can have it between
    bursts of requests; the next request opens it again and sees what was committed meanwhile.
    `opener` makes the store (storyline.store.db.Store with the server's mode).
    """

    def __init__(self, opener: Callable[[], T], path: str, idle: float = 0.25):
        self._opener, self._path, self._idle = opener, path, idle
        self._store = None
        self._users = 0
        self._last_use = 0.0
        self._cond = threading.Condition()
        self._closer: Optional[threading.Thread] = None

    @contextmanager
    def session(self) -> Iterator:
        with self._cond:
            if self._store is not None and writer_waiting(self._path):
                # let the requests under way finish, then give the file to the writer: new
                # requests that kept joining an open store would keep it out for ever
                while self._users and writer_waiting(self._path):
                    self._cond.wait(_LONGEST_PAUSE)
                if not self._users:
                    self._close()
            if self._store is None:
                self._store = self._opener()
            self._users += 1
        try:
            yield self._store
        finally:
            with self._cond:
                self._users -= 1
                self._last_use = time.monotonic()
                if self._users == 0 and writer_waiting(self._path):
                    self._close()
                self._cond.notify_all()
                self._start_closer()

    def close(self) -> None:
        with self._cond:
            self._close()

    def _close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    def _start_closer(self) -> None:
        if self._closer is None or not self._closer.is_alive():
            self._closer = threading.Thread(target=self._close_when_idle, daemon=True, name="store-idle-close")
            self._closer.start()

    def _close_when_idle(self) -> None:
        while True:
            time.sleep(self._idle / 2)
            with self._cond:
                if self._store is None:
                    return
                idle = time.monotonic() - self._last_use >= self._idle
                if self._users == 0 and (idle or writer_waiting(self._path)):
                    self._close()
                    return


class SessionQueries:
    """The read queries of a SharedStore's store (store/queries.py), each call in a session."""

    def __init__(self, shared: SharedStore):
        self._shared = shared

    def __getattr__(self, name: str) -> Callable:
        from .queries import Queries

        getattr(Queries, name)   # an AttributeError for a name Queries does not have

        def call(*args, **kwargs):
            stack = ExitStack()
            store = stack.enter_context(self._shared.session())
            try:
                result = getattr(store.queries, name)(*args, **kwargs)
            except BaseException:
                stack.close()
                raise
            if isinstance(result, AbstractContextManager):   # story_tables(): held until its block ends
                return _holding(result, stack)
            stack.close()
            return result
        return call


@contextmanager
def _holding(block: AbstractContextManager, session: ExitStack) -> Iterator:
    with session, block as value:
        yield value
