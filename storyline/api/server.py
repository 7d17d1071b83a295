"""Running the app under uvicorn, for `storyline serve`, the tests and the benchmark.

Only uvicorn's public API is used: a Config and a Server, run in the foreground or in a thread
that is stopped through the server's `should_exit` flag. The h11 protocol refuses a request whose
request line and headers pass MAX_REQUEST_HEAD_BYTES (a 10 MB query string) with uvicorn's own
400 before the app sees it; a URL over the app's shorter limit gets the app's JSON 414.
"""
from __future__ import annotations

import socket
import threading
import time
from contextlib import contextmanager
from typing import Iterator

import uvicorn

MAX_REQUEST_HEAD_BYTES = 16 * 1024


def make_server(app, host: str = "127.0.0.1", port: int = 8000, log_level: str = "info") -> uvicorn.Server:
    config = uvicorn.Config(app, host=host, port=port, log_level=log_level, http="h11",
                            h11_max_incomplete_event_size=MAX_REQUEST_HEAD_BYTES)
    return uvicorn.Server(config)


@contextmanager
def serving(app, host: str = "127.0.0.1", log_level: str = "warning", timeout: float = 10.0) -> Iterator[str]:
    """Serve `app` from a thread on a free port of `host`; yields the base URL, and stops the
    server (its thread ended) on leaving. The socket is bound here and handed to the server, so
    no other process can take the port in between."""
    # IPPROTO_TCP named, not left 0: asyncio sets TCP_NODELAY only on connections of a socket that
    # names it, and without it every response waits ~40 ms for a delayed ACK (Nagle).
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.bind((host, 0))
    port = sock.getsockname()[1]
    server = make_server(app, host, port, log_level)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="storyline-server", daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + timeout
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"the server on {host}:{port} did not start")
            time.sleep(0.02)
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout)
        sock.close()
    if thread.is_alive():
        raise RuntimeError(f"the server on {host}:{port} did not stop")
