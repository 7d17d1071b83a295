"""Running the app under uvicorn, for `storyline serve`, the browser tests and the benchmark.

uvicorn's h11 protocol refuses a request it cannot parse (a request line or headers over its
16 KB limit, such as a 10 MB query string) before the app sees it, with a plain-text 400. The
protocol below sends that refusal as the same JSON error object the app uses.
"""
from __future__ import annotations

import json

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol


class JsonErrorH11Protocol(H11Protocol):
    def send_400_response(self, msg: str) -> None:
        body = json.dumps({"error": {"status": 400, "message": f"{msg} (request line and headers are limited "
                                                                f"to {self.config.h11_max_incomplete_event_size} bytes)"}})
        headers = [(b"content-type", b"application/json"), (b"connection", b"close")]
        for event in (h11.Response(status_code=400, headers=headers, reason=b"Bad Request"),
                      h11.Data(data=body.encode()), h11.EndOfMessage()):
            self.transport.write(self.conn.send(event))
        self.transport.close()


def make_server(app, host: str = "127.0.0.1", port: int = 8000, log_level: str = "info") -> uvicorn.Server:
    config = uvicorn.Config(app, host=host, port=port, log_level=log_level, http=JsonErrorH11Protocol,
                            h11_max_incomplete_event_size=16 * 1024)
    return uvicorn.Server(config)
