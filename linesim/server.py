"""Running a WSGI app on 127.0.0.1 in a background thread, for tests and development."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any, Self

from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server


class _QuietRequestHandler(WSGIRequestHandler):
    """Keeps test output clean: no access log line per request."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        pass


@dataclass
class BackgroundServer:
    """A threaded werkzeug server; `url` is the base URL to give the SDK as `host`."""

    server: BaseWSGIServer
    thread: threading.Thread

    @classmethod
    def start(cls, app: Any, *, host: str = "127.0.0.1", port: int = 0) -> BackgroundServer:
        """Bind (port 0 picks a free one) and serve until `stop()`."""
        server = make_server(host, port, app, threaded=True, request_handler=_QuietRequestHandler)
        # A short poll interval makes stop() quick, which keeps test teardown fast.
        thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02},
                                  name=f"linesim-{server.port}", daemon=True)
        thread.start()
        return cls(server, thread)

    @property
    def port(self) -> int:
        return self.server.port

    @property
    def url(self) -> str:
        return f"http://{self.server.host}:{self.server.port}"

    def stop(self) -> None:
        """Stop serving and release the port."""
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
