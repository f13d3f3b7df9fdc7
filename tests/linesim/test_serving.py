"""How the emulator (and the test servers) hand out files."""

from __future__ import annotations

import threading
import urllib.request
from pathlib import Path
from typing import Any

from werkzeug.serving import make_server

from linesim.server import ClosingFilesHandler


def test_a_served_file_is_closed_before_a_slow_client_can_drop_the_download(
    tmp_path: Path,
) -> None:
    # A browser that navigates away mid-download must not leave the file open behind it.
    font = tmp_path / "sarabun.woff2"
    font.write_bytes(bytes(range(256)) * 400)
    closed_when_wrapped: list[bool] = []

    def app(environ: dict[str, Any], start_response: Any) -> Any:
        file = font.open("rb")
        body = environ["wsgi.file_wrapper"](file, 8192)
        closed_when_wrapped.append(file.closed)
        start_response("200 OK", [("Content-Type", "font/woff2")])
        return body

    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=ClosingFilesHandler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{server.server_port}/font") as response:
            assert response.read() == font.read_bytes()
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
    assert closed_when_wrapped == [True]
