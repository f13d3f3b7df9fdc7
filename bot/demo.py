"""`asabot demo`: the bot and the LINE emulator as two processes, as they would be with LINE."""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

import click
import requests

from bot.core.settings import PROJECT_ROOT


def _wait_until_up(
    url: str, process: subprocess.Popen[bytes], name: str, seconds: float = 60
) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise click.ClickException(f"{name} stopped while starting (exit {process.returncode})")
        try:
            if requests.get(url, timeout=1).status_code < 500:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    raise click.ClickException(f"{name} did not answer at {url} within {seconds:.0f} s")


def _ensure_demo_admin(asabot: list[str], env: dict[str, str], var: Path) -> str:
    """A console account for the demo, made once; its password is kept beside the database."""
    password_file = var / "demo-admin.password"
    if password_file.exists():
        return password_file.read_text().strip()
    password = secrets.token_urlsafe(12)
    subprocess.run(
        [*asabot, "users", "create", "demo-admin", "--role", "admin", "--password", password],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    password_file.write_text(password)
    password_file.chmod(0o600)
    return password


def run_demo(bot_port: int, sim_port: int) -> None:
    var = PROJECT_ROOT / "var"
    var.mkdir(exist_ok=True)
    secret, token = secrets.token_hex(16), secrets.token_urlsafe(32)
    # Phone numbers in complaints are encrypted; the demo keeps its key beside its database
    # so numbers stored in one run can be read in the next.
    key_file = var / "demo-phone.key"
    if not key_file.exists():
        from cryptography.fernet import Fernet

        key_file.write_bytes(Fernet.generate_key())
    sim_url = f"http://127.0.0.1:{sim_port}"
    env = {
        **os.environ,
        "LINE_CHANNEL_SECRET": secret,
        "LINE_CHANNEL_ACCESS_TOKEN": token,
        "LINE_API_BASE_URL": sim_url,
        "DATABASE_URL": os.environ.get("DATABASE_URL") or f"sqlite:///{var / 'demo.db'}",
        "COMPLAINT_PHONE_KEY": os.environ.get("COMPLAINT_PHONE_KEY")
        or key_file.read_text().strip(),
    }
    # The demo console is served over plain http on this machine, so its cookie can't be Secure.
    env["SESSION_COOKIE_SECURE"] = "0"
    env.pop("REDIS_URL", None)
    asabot = [sys.executable, "-m", "bot"]
    subprocess.run([*asabot, "db", "upgrade"], env=env, check=True)
    subprocess.run([*asabot, "content", "load"], env=env, check=True)
    subprocess.run([*asabot, "surveys", "load"], env=env, check=True)
    admin_password = _ensure_demo_admin(asabot, env, var)

    sim = subprocess.Popen(
        [
            *asabot,
            "linesim",
            "--host",
            "127.0.0.1",
            "--port",
            str(sim_port),
            "--webhook-url",
            f"http://127.0.0.1:{bot_port}/callback",
            "--channel-secret",
            secret,
            "--access-token",
            token,
        ],
        env=env,
    )
    # One worker: without Redis, conversation state lives in that one process.
    bot = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--preload",
            "--workers",
            "1",
            "--threads",
            "8",
            "--bind",
            f"127.0.0.1:{bot_port}",
            "--log-level",
            "warning",
            "bot.wsgi:app",
        ],
        env=env,
        cwd=Path(PROJECT_ROOT),
    )
    # No Redis, so no `rq cron`: the same timed jobs (handoff time-outs, push retries) run here.
    clock = subprocess.Popen([*asabot, "clock"], env=env, stdout=subprocess.DEVNULL)
    try:
        _wait_until_up(f"{sim_url}/_sim/stats", sim, "the LINE emulator")
        _wait_until_up(f"http://127.0.0.1:{bot_port}/healthz", bot, "the bot")
        # The rich menus live on the (emulated) platform, so they are synced once it is up.
        subprocess.run([*asabot, "richmenu", "sync"], env=env, check=True)
        click.secho(
            f"\nอาสาบอทพร้อมแล้วค่ะ  AsaBot is running.\n"
            f"  Chat page (open in a browser): {sim_url}/\n"
            f"  Bot webhook: http://127.0.0.1:{bot_port}/callback\n"
            f"  Staff console: http://127.0.0.1:{bot_port}/admin/ "
            f"(user: demo-admin, password: {admin_password})\n"
            "  Stop with Ctrl-C.\n",
            fg="green",
        )
        while sim.poll() is None and bot.poll() is None and clock.poll() is None:
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        for process in (clock, bot, sim):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in (clock, bot, sim):
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
