"""Fixtures of the handoff tests: the recording LINE and a registered person in Pattani."""

from __future__ import annotations

import pytest

from bot.core.db import get_session
from bot.core.users import LineUser
from bot.volunteers.models import Role, Volunteer
from tests.admin.handoff.support import PERSON, HandoffLine


@pytest.fixture
def line() -> HandoffLine:
    return HandoffLine()


@pytest.fixture
def person(app) -> None:
    with app.app_context():
        session = get_session()
        session.add(LineUser(id=PERSON, display_name="ซารีฟะห์"))
        session.flush()
        session.add(Volunteer(user_id=PERSON, role=Role.VOLUNTEER, province_code="94"))
        session.commit()
