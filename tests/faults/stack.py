"""The production shape, small: gunicorn (2 workers x 4 threads, --preload, as the Procfile runs
it) + the LINE emulator with redelivery on + PostgreSQL + a redis-server of the stack's own.

Used by the fault tests (tests/faults/) and by `bench/faults.py`. Faults are real: the emulator
drops connections, answers 500 or answers late (its /_sim/config), gunicorn workers get SIGKILL,
Redis is killed and restarted without persistence. To kill a worker at a named point of an
event, the stack finds the worker by what it is doing, as an operator would: the one whose
PostgreSQL backend waits on a lock the test holds (before commit), or the one with a request
open to the emulator (after commit, while sending the reply).
"""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import requests
import sqlalchemy as sa

from linesim.client import SimClient
from linesim.config import SimConfig
from linesim.server import RunningSim, start_in_thread
from tests.support.redis_server import RedisServer, free_port

ROOT = Path(__file__).resolve().parents[2]
SECRET = "faults-channel-secret-0123456789"
TOKEN = "faults-access-token"
# No faults: what every test and bench run restores before the next.
CALM = {"errorRate": 0.0, "dropRate": 0.0, "latencyMs": 0}


class FaultStack:
    """Running processes; `stop()` ends every one this object started."""

    def __init__(self, database_url: str, workdir: Path, *, line_timeout: float = 5.0) -> None:
        self.database_url = database_url
        self.killed: list[int] = []  # workers the harness SIGKILLed, for the record
        self.redis = RedisServer().start()
        self.emulator: RunningSim = start_in_thread(
            SimConfig(
                channel_secret=SECRET,
                access_token=TOKEN,
                redelivery=True,
                redelivery_attempts=3,
                redelivery_backoff=1.0,
                webhook_timeout=2.0,
                seed=14,
            )
        )
        self.sim_port = int(self.emulator.url.rsplit(":", 1)[1])
        self.sending = _InFlight(self.emulator._server.app)
        self.emulator._server.app = self.sending
        self.sim = SimClient(self.emulator.url, timeout=30)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.emulator.config.webhook_url = f"{self.url}/callback"
        self.env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "LINE_CHANNEL_SECRET": SECRET,
            "LINE_CHANNEL_ACCESS_TOKEN": TOKEN,
            "LINE_API_BASE_URL": self.emulator.url,
            "LINE_REQUEST_TIMEOUT": str(line_timeout),
            "DATABASE_URL": database_url,
            "REDIS_URL": self.redis.url,
            "SECRET_KEY": secrets.token_hex(16),
            "MEDIA_DIR": str(workdir / "media"),
            "LOG_LEVEL": os.environ.get("FAULTS_LOG_LEVEL", "ERROR"),
        }
        self._log = open(workdir / "gunicorn.log", "ab")  # noqa: SIM115 (closed in stop)
        command = [sys.executable, "-m", "gunicorn", "--preload", "--workers", "2"]
        command += ["--threads", "4", "--bind", f"127.0.0.1:{self.port}"]
        command += ["--graceful-timeout", "1", "bot.wsgi:app"]
        self.gunicorn = subprocess.Popen(
            command, env=self.env, cwd=ROOT, stdout=self._log, stderr=self._log
        )
        self._wait_up()
        self.rq: subprocess.Popen[bytes] | None = None
        self.ensure_rq_worker()

    def ensure_rq_worker(self) -> None:
        """The Procfile's `worker` (answers LINE did not take are retried by its jobs); started
        again when it has exited, as a supervisor would after Redis came back."""
        if self.rq is not None and self.rq.poll() is None:
            return
        rq = str(Path(sys.executable).with_name("rq"))
        command = [rq, "worker", "--url", self.redis.url, "--with-scheduler"]
        command += ["--worker-class", "bot.broadcasts.worker.ResumingWorker", "default"]
        self.rq = subprocess.Popen(
            command, env=self.env, cwd=ROOT, stdout=self._log, stderr=self._log
        )

    def _wait_up(self, seconds: float = 90) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            assert self.gunicorn.poll() is None, "gunicorn exited: see gunicorn.log"
            try:
                if requests.get(f"{self.url}/healthz", timeout=1).ok and len(self.workers()) == 2:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.2)
        raise RuntimeError("gunicorn did not come up")

    # faults ---------------------------------------------------------------------------------

    def faults(self, **settings: Any) -> None:
        """The emulator's fault injection, e.g. faults(dropRate=0.3)."""
        self.sim.configure(**settings)

    def calm(self) -> None:
        self.sim.configure(**CALM)

    def workers(self) -> list[int]:
        path = Path(f"/proc/{self.gunicorn.pid}/task/{self.gunicorn.pid}/children")
        return [int(p) for p in path.read_text().split()] if path.exists() else []

    def kill_worker(self, pid: int) -> None:
        """SIGKILL, as the OOM killer or a crashed host would; gunicorn forks a new one."""
        os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            alive = self.workers()
            if pid not in alive and len(alive) == 2:
                return
            time.sleep(0.05)
        raise RuntimeError("gunicorn did not replace the killed worker")

    def worker_talking_to_emulator(self) -> int | None:
        """The worker with a reply or push in flight at the emulator (not an idle keep-alive)."""
        ports = self.sending.ports()
        for pid in self.workers() if ports else []:
            if any(local in ports and remote == self.sim_port for local, remote in _tcp_ports(pid)):
                return pid
        return None

    def worker_of_backend_port(self, client_port: int) -> int | None:
        """The worker owning the PostgreSQL connection whose client side is this port."""
        for pid in self.workers():
            if any(local == client_port for local, _ in _tcp_ports(pid)):
                return pid
        return None

    # stop -----------------------------------------------------------------------------------

    def stop(self) -> None:
        if self.rq is not None:
            self.rq.terminate()
            try:
                self.rq.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.rq.kill()
                self.rq.wait()
        self.gunicorn.terminate()
        try:
            self.gunicorn.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.gunicorn.kill()
            self.gunicorn.wait()
        self._log.close()
        self.emulator.stop()
        self.redis.stop()


class _InFlight:
    """WSGI middleware on the emulator: the client ports of replies and pushes in progress."""

    def __init__(self, app: Any) -> None:
        self._app = app
        self._lock = threading.Lock()
        self._ports: Counter[int] = Counter()

    def ports(self) -> set[int]:
        with self._lock:
            return {port for port, n in self._ports.items() if n > 0}

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        path = environ.get("PATH_INFO", "")
        if not path.endswith(("/message/reply", "/message/push")):
            return self._app(environ, start_response)
        port = int(environ.get("REMOTE_PORT") or 0)
        with self._lock:
            self._ports[port] += 1
        try:
            # The emulator's latency and its work happen inside this call (werkzeug buffers
            # nothing here: the answer is a small JSON body).
            return list(self._app(environ, start_response))
        finally:
            with self._lock:
                self._ports[port] -= 1


def backend_ports_waiting_on_locks(engine: sa.Engine) -> list[int]:
    """Client ports of this database's backends waiting for a lock."""
    with engine.connect() as connection:
        rows = connection.execute(
            sa.text(
                "SELECT client_port FROM pg_stat_activity WHERE datname = current_database() "
                "AND wait_event_type = 'Lock' AND client_port IS NOT NULL"
            )
        )
        return [int(port) for (port,) in rows]


def _tcp_ports(pid: int) -> list[tuple[int, int]]:
    """(local port, remote port) of every TCP socket the process has open (Linux /proc)."""
    inodes = set()
    try:
        for fd in os.listdir(f"/proc/{pid}/fd"):
            try:
                target = os.readlink(f"/proc/{pid}/fd/{fd}")
            except OSError:
                continue
            if target.startswith("socket:["):
                inodes.add(target[8:-1])
    except OSError:
        return []
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if fields[9] in inodes:
                local = int(fields[1].rsplit(":", 1)[1], 16)
                remote = int(fields[2].rsplit(":", 1)[1], 16)
                found.append((local, remote))
    return found
