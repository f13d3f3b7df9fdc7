"""Fixtures for the emulator's own tests: a running sim, its client, a webhook receiver."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from werkzeug.serving import BaseWSGIServer, make_server

from linesim import RunningSim, SimClient, SimConfig, start_in_thread
from tests.linesim.support import SECRET, TOKEN, Api, QuietHandler, Receiver


@pytest.fixture
def linesim_receiver() -> Iterator[Receiver]:
    """A webhook receiver on a free port, stopped after the test."""
    receiver = Receiver(SECRET)
    server: BaseWSGIServer = make_server(
        "127.0.0.1", 0, receiver, threaded=True, request_handler=QuietHandler
    )
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    receiver.url = f"http://127.0.0.1:{server.server_port}/callback"
    yield receiver
    server.shutdown()
    server.server_close()
    thread.join(5)


@pytest.fixture
def linesim_config(linesim_receiver: Receiver) -> SimConfig:
    """Test settings: short webhook timeout and backoff so nothing waits long."""
    return SimConfig(
        channel_secret=SECRET,
        access_token=TOKEN,
        webhook_url=linesim_receiver.url,
        webhook_timeout=0.5,
        redelivery_backoff=0.05,
        redelivery_attempts=2,
        seed=7,
    )


@pytest.fixture
def linesim_server(linesim_config: SimConfig) -> Iterator[RunningSim]:
    """A running emulator on a free port."""
    running = start_in_thread(linesim_config)
    yield running
    running.stop()


@pytest.fixture
def linesim_client(linesim_server: RunningSim) -> SimClient:
    """The inspection-API client of the running emulator."""
    return SimClient(linesim_server.url)


@pytest.fixture
def linesim_api(linesim_server: RunningSim) -> Api:
    """Raw authorised calls to the running emulator's platform API."""
    return Api(linesim_server.url)
