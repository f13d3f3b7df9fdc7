"""Liveness and readiness for load balancers and process managers.

`/healthz` is liveness: it touches nothing (no Redis, no database), so a stalled Redis never
makes a process manager restart healthy workers. `/readyz` is readiness and answers within the
Redis timeouts: the database is required (503 without it); Redis is not, since the bot answers
without it (degraded: per-process de-duplication, drafts and rate limits), so a Redis outage is
a 200 that names what is degraded, not a 503 that would take every instance out of rotation.
"""

from __future__ import annotations

from flask import Blueprint, current_app

from bot.core.db import database_ready, get_engine

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@bp.get("/readyz")
def readyz() -> tuple[dict[str, object], int]:
    checks = {
        "database": database_ready(get_engine()),
        "state": current_app.extensions["asabot.state"].ping(),
    }
    if not checks["database"]:
        return {"status": "unavailable", "checks": checks, "degraded": []}, 503
    degraded = [name for name, ok in checks.items() if not ok]
    return {
        "status": "degraded" if degraded else "ready",
        "checks": checks,
        "degraded": degraded,
    }, 200
