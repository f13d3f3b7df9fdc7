"""AsaBot: the app factory."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flask import Flask
from linebot.v3.webhook import WebhookParser
from werkzeug.middleware.proxy_fix import ProxyFix

from bot import admin, broadcasts, health
from bot.agent_requests.office_hours import OfficeHours
from bot.chat import webhook
from bot.chat.events import EventProcessor
from bot.chat.registry import build_dispatcher, build_flows
from bot.core import db, logs, thai_dates
from bot.core.crypto import derived_cipher, phone_cipher_for
from bot.core.jobs import InProcessJobRunner, JobRunner, RqJobRunner
from bot.core.line import LineApi
from bot.core.redis_link import RedisLink, make_redis
from bot.core.secret_key import secret_key
from bot.core.services import EXTENSION as SERVICES_EXTENSION
from bot.core.services import Services
from bot.core.settings import ConfigError, environ, load_settings, require_line_credentials
from bot.core.state import FallbackStateStore, MemoryStateStore, RedisStateStore, StateStore

if TYPE_CHECKING:
    from intents.pipeline import NLU

__all__ = ["ConfigError", "close_app", "create_app"]

log = logging.getLogger(__name__)


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the bot. `config` overrides the environment (tests pass their own)."""
    app = Flask(__name__)
    settings = load_settings(environ(), config)
    app.config.from_mapping(settings)
    logs.configure(app.config["LOG_LEVEL"])
    if app.config["TRUSTED_PROXIES"]:  # the client's address and scheme as the proxies saw them
        hops = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)  # type: ignore[method-assign]
    if app.config.get("LINE_CREDENTIALS_REQUIRED", True):
        require_line_credentials(app.config)
    thai_dates.init_app(app)  # the one time zone, from TIMEZONE

    app.secret_key = secret_key(app.config)  # the console's cookies, and the drafts' key
    db.init_app(app)
    state = _make_state_store(app)
    app.extensions["asabot.state"] = state
    app.extensions["asabot.jobs"] = (
        RqJobRunner(make_redis(app.config["REDIS_URL"], app.config))
        if app.config["REDIS_URL"]
        else InProcessJobRunner(app)
    )
    line = app.config.get("LINE_API") or LineApi(  # tests may pass a recording stand-in
        app.config["LINE_API_BASE_URL"],
        app.config["LINE_CHANNEL_ACCESS_TOKEN"] or "",
        timeout=app.config["LINE_REQUEST_TIMEOUT"],
    )
    app.extensions["asabot.line"] = line
    services = _make_services(app, app.extensions["asabot.jobs"])
    app.extensions[SERVICES_EXTENSION] = services
    flows = build_flows()
    app.extensions["asabot.flows"] = flows
    events = EventProcessor(
        sessions=app.extensions["asabot.sessions"],
        state=state,
        line=line,
        dispatcher=build_dispatcher(flows),
        flows=flows,
        services=services,
    )
    app.extensions["asabot.events"] = events

    app.register_blueprint(
        webhook.make_blueprint(
            WebhookParser(app.config["LINE_CHANNEL_SECRET"] or ""),
            events,
            max_body_bytes=app.config["WEBHOOK_MAX_BODY_BYTES"],
        )
    )
    app.register_blueprint(health.bp)
    broadcasts.init_app(app)
    admin.init_app(app)  # the staff console under /admin
    return app


def close_app(app: Flask) -> None:
    """Release what the factory opened (connections, pools, job threads)."""
    jobs = app.extensions.get("asabot.jobs")
    if jobs is not None:
        jobs.close()
    line = app.extensions.get("asabot.line")
    if isinstance(line, LineApi):
        line.close()
    app.extensions["asabot.engine"].dispose()


def _make_state_store(app: Flask) -> StateStore:
    if app.config["REDIS_URL"]:
        # Drafts hold complaint stories, names and phones: encrypted, not readable in Redis.
        sealer = derived_cipher(str(app.secret_key), "state")
        client = make_redis(app.config["REDIS_URL"], app.config)
        # One link per app (so per gunicorn worker after the fork): the state store and the
        # readiness check share what it knows about Redis.
        link = RedisLink("state", app.config["REDIS_RETRY_SECONDS"])
        app.extensions["asabot.redis_link"] = link
        return FallbackStateStore(RedisStateStore(client, sealer=sealer), link)
    log.warning(
        "state.in_process: REDIS_URL is not set, so de-duplication and conversations live in "
        "this process only (fine for the demo; use Redis with more than one worker)"
    )
    return MemoryStateStore()


def _make_services(app: Flask, jobs: JobRunner) -> Services:
    """Everything a turn may use, read from the settings once."""
    from intents.taxonomy import load_taxonomy

    return Services(
        jobs=jobs,
        intent_labels={intent.id: intent.th for intent in load_taxonomy().intents},
        media_dir=Path(app.config["MEDIA_DIR"]),
        complaint_retention_years=int(app.config["COMPLAINT_RETENTION_YEARS"]),
        nlu=_load_nlu(app),
        phone_cipher=phone_cipher_for(app.config.get("COMPLAINT_PHONE_KEY")),
        office_hours=OfficeHours.parse(app.config["OFFICE_HOURS"], app.config["TIMEZONE"])
        if app.config.get("OFFICE_HOURS")
        else None,
        # The key drafts had in Redis: drafts and stored answers hold stories and phones.
        sealer=derived_cipher(str(app.secret_key), "state"),
    )


def _load_nlu(app: Flask) -> NLU | None:
    """The classifier when a trained model is on disk (tests inject their own)."""
    if "NLU" in app.config:
        nlu: NLU | None = app.config["NLU"]
        return nlu
    model_dir = Path(app.config["INTENTS_MODEL_DIR"])
    try:
        from intents import pipeline  # scikit-learn and PyThaiNLP: only when a model is there

        return pipeline.NLU.load(model_dir)
    except FileNotFoundError:
        log.warning("intents.model_missing: run `asabot intents train`; texts get the main menu")
        return None
