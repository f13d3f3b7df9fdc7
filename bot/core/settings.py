"""Settings: read once, in the app factory, from the environment and the caller's overrides."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parents[2]

# Environment variables the bot reads, with their defaults. None means "unset".
ENV_SETTINGS: dict[str, Any] = {
    "LINE_CHANNEL_SECRET": None,
    "LINE_CHANNEL_ACCESS_TOKEN": None,
    # None: the SDK's own hosts (api.line.me for messaging, api-data.line.me for content).
    "LINE_API_BASE_URL": None,
    "DATABASE_URL": None,
    "REDIS_URL": None,
    # Seconds any one Redis call may take (connecting, and each read or write). Small: Redis
    # answers in a millisecond when well, and a paused Redis must not hold web threads.
    "REDIS_SOCKET_TIMEOUT": 0.5,
    "REDIS_CONNECT_TIMEOUT": 0.5,
    # After a failed call, this process uses its own fallback for this long before trying
    # Redis again, so an outage costs one timeout per interval, not one per call.
    "REDIS_RETRY_SECONDS": 2.0,
    "INTENTS_MODEL_DIR": str(PROJECT_ROOT / "var" / "models" / "intents"),
    "CONTENT_DIR": str(PROJECT_ROOT / "content"),
    # The XLSForm files `asabot surveys load` reads.
    "SURVEYS_DIR": str(PROJECT_ROOT / "surveys"),
    "MEDIA_DIR": str(PROJECT_ROOT / "var" / "media"),
    # Fernet key (`Fernet.generate_key()`) for phone numbers in complaints; unset: none are asked.
    "COMPLAINT_PHONE_KEY": None,
    # Told to reporters in the PDPA notice: how long a closed complaint is kept.
    "COMPLAINT_RETENTION_YEARS": 2,
    "LINE_REQUEST_TIMEOUT": 5.0,
    # Announcements wait out these local hours unless urgent ("HH:MM-HH:MM", or "off").
    "QUIET_HOURS": "21:00-07:00",
    "TIMEZONE": "Asia/Bangkok",
    # When officers read "แชทกับประชาชน" ("days HH:MM-HH:MM", or "" for always); outside them a
    # person asking for an officer is told when staff will read it.
    "OFFICE_HOURS": "mon-fri 08:30-16:30",
    # A waiting conversation nobody takes in this long is handed back with the hotlines; an
    # officer's conversation with no message either way for this long returns to the bot.
    "HANDOFF_WAIT_MINUTES": 15,
    "HANDOFF_IDLE_MINUTES": 30,
    # LINE's multicast limit is 200 requests/s for all senders together (a shared Redis limiter).
    "BROADCAST_MULTICAST_PER_SECOND": 200,
    # Parallel senders per broadcast; each holds its batch's row lock while sending.
    "BROADCAST_LANES": 4,
    # Sender threads in each lane job: one sends while another waits for LINE or the database.
    "BROADCAST_LANE_SENDERS": 2,
    # "everyone" with nobody opted out goes through LINE's one-request broadcast endpoint.
    "BROADCAST_USE_BROADCAST_ENDPOINT": True,
    "WEBHOOK_MAX_BODY_BYTES": 1024 * 1024,
    "LOG_LEVEL": "INFO",
    # Signs the staff console's session cookie. Unset: a key is made once and kept in
    # SECRET_KEY_FILE, so every worker of this machine shares it.
    "SECRET_KEY": None,
    "SECRET_KEY_FILE": str(PROJECT_ROOT / "var" / "secret_key"),
    # "0" only for a console reached over plain http (the local demo): cookies then lose Secure.
    "SESSION_COOKIE_SECURE": True,
    # Failed logins of one account (or from one address, all usernames) that lock it: first for
    # 30 seconds, doubling with each further failure up to ADMIN_LOCKOUT_MINUTES
    # (bot/admin/lockout.py).
    "ADMIN_LOCKOUT_FAILURES": 5,
    "ADMIN_LOCKOUT_ADDRESS_FAILURES": 20,
    "ADMIN_LOCKOUT_MINUTES": 15,
    # Reverse proxies in front of the app (nginx, a load balancer): with 1 or more, the client's
    # address is read from that many X-Forwarded-For hops (werkzeug's ProxyFix). 0: the socket's
    # address, and X-Forwarded-For is ignored (anyone could write it).
    "TRUSTED_PROXIES": 0,
    # Where the console writes messages staff labelled, read by `asabot intents train`.
    "INTENTS_LABELLED_DIR": str(PROJECT_ROOT / "intents" / "data" / "train" / "labelled"),
}

_NUMERIC = {
    "LINE_REQUEST_TIMEOUT": float,
    "REDIS_SOCKET_TIMEOUT": float,
    "REDIS_CONNECT_TIMEOUT": float,
    "REDIS_RETRY_SECONDS": float,
    "BROADCAST_MULTICAST_PER_SECOND": int,
    "BROADCAST_LANES": int,
    "BROADCAST_LANE_SENDERS": int,
    "WEBHOOK_MAX_BODY_BYTES": int,
    "COMPLAINT_RETENTION_YEARS": int,
    "ADMIN_LOCKOUT_FAILURES": int,
    "ADMIN_LOCKOUT_ADDRESS_FAILURES": int,
    "ADMIN_LOCKOUT_MINUTES": int,
    "HANDOFF_WAIT_MINUTES": int,
    "HANDOFF_IDLE_MINUTES": int,
    "TRUSTED_PROXIES": int,
}
# Yes/no settings: parsed once here, so every reader of the config gets a real bool.
_BOOLEAN = ("BROADCAST_USE_BROADCAST_ENDPOINT", "SESSION_COOKIE_SECURE")
_TRUE_WORDS = frozenset({"1", "true", "yes", "y", "on"})
_FALSE_WORDS = frozenset({"0", "false", "no", "n", "off", ""})


class ConfigError(RuntimeError):
    """A setting is missing or wrong; the message says which and how to fix it."""


def load_settings(
    environ: Mapping[str, str], overrides: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """Merge defaults, the environment and explicit overrides (highest wins)."""
    settings: dict[str, Any] = dict(ENV_SETTINGS)
    for name in ENV_SETTINGS:
        if environ.get(name):
            settings[name] = environ[name]
    settings.update(overrides or {})
    for name, kind in _NUMERIC.items():
        settings[name] = kind(settings[name])
    for name in _BOOLEAN:
        settings[name] = parse_bool(settings[name], name)
    if not settings["DATABASE_URL"]:
        settings["DATABASE_URL"] = f"sqlite:///{PROJECT_ROOT / 'var' / 'asabot.db'}"
    return settings


def parse_bool(value: object, name: str = "setting") -> bool:
    """A yes/no setting: a bool as given, or 1/true/yes/y/on and 0/false/no/n/off in any case.

    Anything else fails at start: a typo in a switch must not quietly pick a side.
    """
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in _TRUE_WORDS:
        return True
    if word in _FALSE_WORDS:
        return False
    raise ConfigError(f"{name} must be yes or no (1/0, true/false, y/n, on/off), not {value!r}")


def require_line_credentials(settings: Mapping[str, Any]) -> None:
    """Fail at start, with a message a person can act on, when the channel is not configured."""
    missing = [
        name
        for name in ("LINE_CHANNEL_SECRET", "LINE_CHANNEL_ACCESS_TOKEN")
        if not settings.get(name)
    ]
    if missing:
        raise ConfigError(
            f"{' and '.join(missing)} not set: copy them from the LINE Developers console "
            "(Messaging API tab), or run `make demo` to use the local LINE emulator."
        )


def environ() -> Mapping[str, str]:
    """The process environment (a function so tests can see where it is read)."""
    return os.environ
