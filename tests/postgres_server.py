"""A throwaway PostgreSQL server for the tests: initdb in a temporary folder, started on a free
loopback port, stopped at the end. Debian's postgresql package provides the binaries
(`.ci/install-postgres.sh`); as root, the server runs as the `postgres` user, since PostgreSQL
refuses to run as root.
"""
from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from typing import Optional

# CI sets this so that a missing PostgreSQL fails the run instead of skipping its tests.
REQUIRED_ENV = "STORYLINE_REQUIRE_POSTGRES"
USER = "storyline"


def binaries() -> Optional[Path]:
    """The folder of initdb and pg_ctl: Debian's newest version, else whatever is on PATH."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """In a folder of its own under the system's temporary folder (pytest's are private to the
    user running the tests, which the `postgres` user cannot enter)."""

    def __init__(self, bindir: Path):
        self.bindir, self.folder, self.port = bindir, Path(tempfile.mkdtemp(prefix="storyline-pg-")), _free_port()
        self.data = self.folder / "data"
        self.as_root = os.geteuid() == 0

    def _run(self, *args: str) -> None:
        command = [str(self.bindir / args[0]), *args[1:]]
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if done.returncode:
            raise RuntimeError(f"{' '.join(command)} failed: {done.stderr.strip()}")

    def start(self) -> str:
        if self.as_root:
            shutil.chown(self.folder, "postgres")
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", USER, "--no-sync")
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.folder / "log"), "-w", "start")
        return f"postgresql://{USER}@127.0.0.1:{self.port}"

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)
