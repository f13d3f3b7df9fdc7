"""A survey sent to the volunteers of an area: an announcement with a start button.

It goes through the broadcasts service (audience, quiet hours, exactly-once sending); the button
is a survey postback, so a tap starts the survey (or offers back an interview in progress).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from flask import Flask
from sqlalchemy.orm import Session

from bot.broadcasts import create_broadcast, send_broadcast
from bot.surveys.form import Form
from bot.surveys.inputs import button_data
from bot.surveys.messages import say
from bot.surveys.models import SurveyForm
from bot.surveys.service import SURVEY_ROLES


def announcement(form: SurveyForm) -> dict[str, Any]:
    """The LINE message: the invitation in Thai and Malay, and one start button."""
    definition = Form.from_json(form.definition)
    text = "\n".join(
        say("announcement", language, title=definition.title(language)) for language in ("th", "ms")
    )
    label = say("start_button", "th")
    return {
        "type": "flex",
        "altText": text[:400],
        "contents": {
            "type": "bubble",
            "body": {
                "type": "box",
                "layout": "vertical",
                "contents": [{"type": "text", "text": text, "wrap": True}],
            },
            "footer": {
                "type": "box",
                "layout": "vertical",
                "contents": [
                    {
                        "type": "button",
                        "style": "primary",
                        "action": {
                            "type": "postback",
                            "label": label,
                            "data": button_data("start", value=form.form_id),
                            "displayText": label,
                        },
                    }
                ],
            },
        },
    }


def announce_survey(
    app: Flask,
    session: Session,
    form: SurveyForm,
    *,
    provinces: Sequence[str] = (),
    districts: Sequence[str] = (),
    created_by: str,
) -> int:
    """Create and send the announcement to the area's volunteers and graduates; its id."""
    broadcast = create_broadcast(
        session,
        [announcement(form)],
        roles=[role.value for role in SURVEY_ROLES],
        provinces=provinces,
        districts=districts,
        created_by=created_by,
    )
    session.commit()
    send_broadcast(app, session, broadcast.id)
    return broadcast.id
