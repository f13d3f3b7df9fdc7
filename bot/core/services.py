"""The services handlers, flows and views use, built once in the app factory.

Chat handlers and flow steps get them on the turn (`turn.services`); console views and CLI
commands, which have no turn, reach the same object through `get_services()`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from flask import current_app

from bot.core.jobs import JobRunner

if TYPE_CHECKING:  # annotations only: loading the classifier's modules is not needed to type it
    from bot.agent_requests.office_hours import OfficeHours
    from bot.core.crypto import Cipher
    from intents.pipeline import NLU

EXTENSION = "asabot.services"


@dataclass(frozen=True)
class Services:
    """What a turn may use besides its event, session, state store and LINE client."""

    jobs: JobRunner
    # Intent id -> its Thai label, for every intent of the taxonomy.
    intent_labels: Mapping[str, str]
    media_dir: Path
    # Told to reporters in the PDPA notice: how long a closed complaint is kept.
    complaint_retention_years: int
    # None when no model is trained: texts then get the main menu.
    nlu: NLU | None = None
    # None when COMPLAINT_PHONE_KEY is not set: then no phone number is asked or kept.
    phone_cipher: Cipher | None = None
    # When staff read the chat (OFFICE_HOURS); None: always, as far as the person is told.
    office_hours: OfficeHours | None = None
    # Seals drafts and stored answers in the database (a key derived from SECRET_KEY).
    sealer: Cipher | None = None


def get_services() -> Services:
    """The app's services, for views and commands (a handler uses `turn.services`)."""
    services: Services = current_app.extensions[EXTENSION]
    return services
