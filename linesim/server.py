"""Serving the emulator: blocking for the CLI, or in a background thread for tests."""

from __future__ import annotations

import logging
import threading
from types import TracebackType
from typing import IO, TYPE_CHECKING

from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from linesim.app import create_app
from linesim.channel import Channel
from linesim.config import SimConfig

if TYPE_CHECKING:
    from _typeshed.wsgi import WSGIEnvironment


def _read_whole_file(file: IO[bytes], buffer_size: int = 8192) -> list[bytes]:
    """Reads a served file at once and closes it; used as the server's `wsgi.file_wrapper`."""
    try:
        return [file.read()]
    finally:
        file.close()


class ClosingFilesHandler(WSGIRequestHandler):
    """Werkzeug's request handler, minus a leak when a browser drops a download.

    When a page navigates away while a static file is still being sent, Werkzeug's
    development server can skip closing the response and the open file is left to the
    garbage collector (a ResourceWarning, which the test suite treats as an error).
    The files served here are small fonts, scripts and images, so they are read whole.
    """

    def make_environ(self) -> WSGIEnvironment:
        environ = super().make_environ()
        environ["wsgi.file_wrapper"] = _read_whole_file
        return environ


class _QuietHandler(ClosingFilesHandler):
    """Logs errors only; tests and benchmarks send thousands of requests."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        return None


class RunningSim:
    """A started emulator: its URL, config and state, stoppable (also as a context manager)."""

    def __init__(
        self, server: BaseWSGIServer, thread: threading.Thread, channel: Channel, host: str
    ) -> None:
        self._server = server
        self._thread = thread
        self.channel = channel
        self.config: SimConfig = channel.config
        shown = "127.0.0.1" if host in ("0.0.0.0", "") else host
        self.port: int = server.server_port
        self.url = f"http://{shown}:{self.port}"

    def stop(self) -> None:
        """End open streams and redeliveries, then the server; waits for its thread."""
        self.channel.hub.close_all()
        self.channel.sender.stop()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> RunningSim:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


class _ConsoleHandler(ClosingFilesHandler):
    """Logs what the bot calls and every error, not the chat page's own polling and assets."""

    _PAGE_TRAFFIC = ("/_sim/", "/static/", "/favicon")

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        status = int(code) if str(code).isdigit() else 0
        if status < 400 and self.command == "GET" and self.path.startswith(self._PAGE_TRAFFIC):
            return None
        super().log_request(code, size)


def start_in_thread(
    config: SimConfig | None = None, host: str = "127.0.0.1", port: int = 0, *, quiet: bool = True
) -> RunningSim:
    """Serve in a daemon thread; port 0 binds a free port, reported in `.url`."""
    config = config or SimConfig()
    app = create_app(config)
    handler = _QuietHandler if quiet else ClosingFilesHandler
    server = make_server(host, port, app, threaded=True, request_handler=handler)
    # A short poll interval makes stop() quick; tests start and stop many servers.
    thread = threading.Thread(
        target=server.serve_forever,
        kwargs={"poll_interval": 0.05},
        name="linesim-server",
        daemon=True,
    )
    thread.start()
    return RunningSim(server, thread, app.extensions["linesim"], host)


def serve(config: SimConfig, host: str = "127.0.0.1", port: int = 8080) -> None:
    """Serve until interrupted (Ctrl-C)."""
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    app = create_app(config)
    server = make_server(host, port, app, threaded=True, request_handler=_ConsoleHandler)
    print(f"linesim: LINE platform emulator on http://{host}:{server.server_port}")
    print(f"linesim: webhook -> {config.webhook_url or '(none)'}; chat page at /")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        app.extensions["linesim"].hub.close_all()
        app.extensions["linesim"].sender.stop(timeout=1)
        server.server_close()
