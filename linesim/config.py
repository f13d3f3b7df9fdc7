"""Settings of one emulated LINE channel: secrets, timings, limits and fault injection."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from typing import Any

# LINE's published rate limits (requests, per seconds). "default" covers every other endpoint.
DEFAULT_RATE_LIMITS: dict[str, tuple[int, float]] = {
    "reply": (2000, 1.0),
    "push": (2000, 1.0),
    "multicast": (200, 1.0),
    "broadcast": (60, 3600.0),
    "narrowcast": (60, 3600.0),
    "loading": (100, 1.0),
    "default": (2000, 1.0),
}


def _new_bot_user_id() -> str:
    return "U" + secrets.token_hex(16)


@dataclass
class SimConfig:
    """Everything that shapes the emulator's behaviour; changeable at runtime via /_sim/config."""

    channel_secret: str = "linesim-channel-secret"
    access_token: str = "linesim-access-token"
    webhook_url: str | None = None
    bot_user_id: str = field(default_factory=_new_bot_user_id)
    bot_display_name: str = "AsaBot"
    reply_token_ttl: float = 60.0
    webhook_timeout: float = 2.0
    redelivery: bool = False
    redelivery_attempts: int = 3
    redelivery_backoff: float = 1.0
    retry_key_ttl: float = 24 * 3600.0
    rate_limits: dict[str, tuple[int, float]] = field(
        default_factory=lambda: dict(DEFAULT_RATE_LIMITS)
    )
    monthly_quota: int | None = None
    error_rate: float = 0.0
    latency_ms: int = 0
    drop_rate: float = 0.0
    seed: int | None = None
    stream_ping_seconds: float = 15.0

    def rate_limit(self, endpoint: str) -> tuple[int, float]:
        """The (count, per_seconds) limit of one endpoint, falling back to "default"."""
        return self.rate_limits.get(endpoint) or self.rate_limits.get(
            "default", DEFAULT_RATE_LIMITS["default"]
        )

    def to_json(self) -> dict[str, Any]:
        """The runtime-changeable part, in the camelCase the inspection API speaks."""
        return {
            "webhookUrl": self.webhook_url,
            "botUserId": self.bot_user_id,
            "replyTokenTtl": self.reply_token_ttl,
            "webhookTimeout": self.webhook_timeout,
            "redelivery": self.redelivery,
            "redeliveryAttempts": self.redelivery_attempts,
            "redeliveryBackoff": self.redelivery_backoff,
            "monthlyQuota": self.monthly_quota,
            "errorRate": self.error_rate,
            "latencyMs": self.latency_ms,
            "dropRate": self.drop_rate,
            "rateLimits": {name: list(limit) for name, limit in self.rate_limits.items()},
        }

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> SimConfig:
        """Build from LINESIM_* / LINE_* variables; unset ones keep the defaults."""
        env = dict(os.environ if environ is None else environ)
        config = cls()
        text = {
            "channel_secret": "LINE_CHANNEL_SECRET",
            "access_token": "LINE_CHANNEL_ACCESS_TOKEN",
            "webhook_url": "LINESIM_WEBHOOK_URL",
            "bot_user_id": "LINESIM_BOT_USER_ID",
        }
        for attr, name in text.items():
            if env.get(name):
                setattr(config, attr, env[name])
        floats = {
            "reply_token_ttl": "LINESIM_REPLY_TOKEN_TTL",
            "webhook_timeout": "LINESIM_WEBHOOK_TIMEOUT",
            "redelivery_backoff": "LINESIM_REDELIVERY_BACKOFF",
            "error_rate": "LINESIM_ERROR_RATE",
            "drop_rate": "LINESIM_DROP_RATE",
        }
        for attr, name in floats.items():
            if env.get(name):
                setattr(config, attr, float(env[name]))
        ints = {
            "redelivery_attempts": "LINESIM_REDELIVERY_ATTEMPTS",
            "monthly_quota": "LINESIM_MONTHLY_QUOTA",
            "latency_ms": "LINESIM_LATENCY_MS",
            "seed": "LINESIM_SEED",
        }
        for attr, name in ints.items():
            if env.get(name):
                setattr(config, attr, int(env[name]))
        if env.get("LINESIM_REDELIVERY"):
            config.redelivery = env["LINESIM_REDELIVERY"].lower() in {"1", "true", "yes", "on"}
        if env.get("LINESIM_RATE_LIMITS"):
            config.rate_limits.update(parse_rate_limits(env["LINESIM_RATE_LIMITS"]))
        return config


def parse_rate_limits(text: str) -> dict[str, tuple[int, float]]:
    """Parse "push=2000/1,broadcast=60/3600" into {"push": (2000, 1.0), ...}."""
    limits: dict[str, tuple[int, float]] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, _, value = part.partition("=")
        count, _, seconds = value.partition("/")
        limits[name.strip()] = (int(count), float(seconds or 1))
    return limits


class ConfigError(ValueError):
    """A /_sim/config body that names an unknown setting or a bad value."""


# camelCase key of /_sim/config -> (attribute, type, smallest allowed value)
_RUNTIME: dict[str, tuple[str, type, float]] = {
    "errorRate": ("error_rate", float, 0.0),
    "latencyMs": ("latency_ms", int, 0),
    "dropRate": ("drop_rate", float, 0.0),
    "replyTokenTtl": ("reply_token_ttl", float, 0.0),
    "webhookTimeout": ("webhook_timeout", float, 0.01),
    "redeliveryAttempts": ("redelivery_attempts", int, 0),
    "redeliveryBackoff": ("redelivery_backoff", float, 0.0),
}


def apply_update(config: SimConfig, body: dict[str, Any]) -> None:
    """Change settings in place from a /_sim/config body (all or nothing)."""
    changes: dict[str, Any] = {}
    for key, value in body.items():
        if key in _RUNTIME:
            attr, kind, low = _RUNTIME[key]
            if isinstance(value, bool) or not isinstance(value, int | float) or value < low:
                raise ConfigError(f"{key} must be a number >= {low}")
            if key in ("errorRate", "dropRate") and value > 1:
                raise ConfigError(f"{key} must be between 0 and 1")
            changes[attr] = kind(value)
        elif key == "redelivery":
            if not isinstance(value, bool):
                raise ConfigError("redelivery must be true or false")
            changes["redelivery"] = value
        elif key == "monthlyQuota":
            if value is not None and (
                isinstance(value, bool) or not isinstance(value, int) or value < 0
            ):
                raise ConfigError("monthlyQuota must be a non-negative integer or null")
            changes["monthly_quota"] = value
        elif key == "webhookUrl":
            if value is not None and not isinstance(value, str):
                raise ConfigError("webhookUrl must be a string or null")
            changes["webhook_url"] = value or None
        elif key == "rateLimits":
            changes["rate_limits"] = {**config.rate_limits, **_rate_limits(value)}
        else:
            raise ConfigError(f"unknown setting {key}")
    for attr, value in changes.items():
        setattr(config, attr, value)


def _rate_limits(value: Any) -> dict[str, tuple[int, float]]:
    if not isinstance(value, dict):
        raise ConfigError('rateLimits must look like {"push": [count, seconds]}')
    limits: dict[str, tuple[int, float]] = {}
    for name, limit in value.items():
        if not (
            isinstance(limit, list | tuple) and len(limit) == 2 and limit[0] >= 0 and limit[1] > 0
        ):
            raise ConfigError(f"rateLimits.{name} must be [count, seconds]")
        limits[name] = (int(limit[0]), float(limit[1]))
    return limits
