"""Liveness and readiness for load balancers and process managers."""

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
    ready = all(checks.values())
    return {"status": "ready" if ready else "unavailable", "checks": checks}, (
        200 if ready else 503
    )
