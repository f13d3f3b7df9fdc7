"""The console's survey pages: officers see only their provinces' interviews (counts, charts,
places, exports), every view and export is audited, and a survey sent to an area reaches its
volunteers with a start button that starts it."""

from __future__ import annotations

import csv
import io
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from bot.admin.models import AuditEntry
from bot.core.db import get_session
from bot.surveys.models import ResponseStatus, SurveyExport
from bot.surveys.service import current_form, start_response
from bot.volunteers import registry
from bot.volunteers.models import Role
from tests.admin.conftest import add_staff, console_config, login, post
from tests.conftest import BotWithEmulator
from tests.support.chat import texts
from tests.surveys.conftest import load_shipped, survey_config, volunteer

YALA, PATTANI = "95", "94"


def add_interview(app: Flask, user_id: str, province: str, district: str, answers: dict) -> None:
    """A submitted returnee interview by a volunteer of `district`, as the chat leaves one."""
    with app.app_context():
        session = get_session()
        found = registry.register(
            session,
            user_id,
            role=Role.VOLUNTEER,
            province_code=province,
            district_code=district,
            now=datetime.now(UTC),
        )
        form = current_form(session, "returnee")
        assert form is not None
        response = start_response(session, form, found, "th", datetime.now(UTC))
        response.answers = answers
        response.status = ResponseStatus.SUBMITTED
        response.submitted_at = datetime.now(UTC)
        session.commit()


@pytest.fixture
def console(db_url: str, tmp_path: Path) -> Iterator[BotWithEmulator]:
    running = BotWithEmulator(db_url, **{**console_config(tmp_path), **survey_config(tmp_path)})
    load_shipped(running.app)
    app = running.app
    add_interview(
        app,
        "U" + "1" * 32,
        YALA,
        "9501",
        {
            "country": "malaysia",
            "problems": ["unpaid", "debt"],
            "place": {"lat": 6.5411, "lon": 101.2804},
        },
    )
    add_interview(
        app,
        "U" + "2" * 32,
        YALA,
        "9503",
        {"country": "malaysia", "problems": ["none"], "place": None},
    )
    add_interview(
        app,
        "U" + "3" * 32,
        PATTANI,
        "9401",
        {"country": "saudi", "problems": ["debt"], "place": {"lat": 6.8701, "lon": 101.2501}},
    )
    add_staff(app, "admin", "admin")
    add_staff(app, "yala", "officer", (YALA,))
    add_staff(app, "pattani", "officer", (PATTANI,))
    add_staff(app, "ombudsman", "ombudsman")
    yield running
    running.stop()


def client_for(bot: BotWithEmulator, username: str) -> FlaskClient:
    client = bot.app.test_client()
    assert login(client, username).status_code == 302
    return client


def page(client: FlaskClient, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def audit(app: Flask, action: str) -> list[AuditEntry]:
    with app.app_context():
        return list(get_session().scalars(select(AuditEntry).where(AuditEntry.action == action)))


def test_officers_see_only_their_provinces_and_the_ombudsman_does_not_enter(
    console: BotWithEmulator,
) -> None:
    yala = page(client_for(console, "yala"), "/admin/surveys/returnee")
    assert '<strong id="submitted">2</strong>' in yala
    assert "เมืองยะลา" in yala and "หนองจิก" not in yala and "เมืองปัตตานี" not in yala
    assert 'value="2">2</meter>' in yala  # Malaysia: both Yala interviews
    assert 'ซาอุดีอาระเบีย</td><td><meter min="0" max="2" value="0">' in yala
    assert "6.54110, 101.28040" in yala and "6.87010" not in yala

    pattani = page(client_for(console, "pattani"), "/admin/surveys/returnee")
    assert '<strong id="submitted">1</strong>' in pattani and "6.87010, 101.25010" in pattani
    admin = page(client_for(console, "admin"), "/admin/surveys/returnee")
    assert '<strong id="submitted">3</strong>' in admin
    listing = page(client_for(console, "yala"), "/admin/surveys/")
    assert "แรงงานที่กลับจากทำงานต่างประเทศ" in listing and ">2</td>" in listing

    ombudsman = client_for(console, "ombudsman")
    assert ombudsman.get("/admin/surveys/returnee").status_code == 403
    assert "/admin/surveys/" not in page(ombudsman, "/admin/")  # no menu link either
    viewed = audit(console.app, "survey.viewed")
    assert {(e.username, e.target_id) for e in viewed} == {
        ("yala", "returnee"),
        ("pattani", "returnee"),
        ("admin", "returnee"),
    }


def test_an_export_is_built_by_a_job_within_the_officers_provinces_and_audited(
    console: BotWithEmulator,
) -> None:
    yala = client_for(console, "yala")
    asked = post(yala, "/admin/surveys/returnee/exports", {"format": "csv"})
    assert asked.status_code == 302

    def ready() -> SurveyExport:
        deadline = time.monotonic() + 10
        while True:
            with console.app.app_context():
                export = get_session().scalars(select(SurveyExport)).one()
                if export.status.value != "queued" or time.monotonic() > deadline:
                    return export
            time.sleep(0.05)

    export = ready()
    assert (export.status.value, export.rows, export.provinces) == ("done", 2, [YALA])
    assert f"/admin/surveys/exports/{export.id}" in page(yala, "/admin/surveys/returnee")
    with yala.get(f"/admin/surveys/exports/{export.id}") as download:
        assert download.status_code == 200 and download.mimetype == "text/csv"
        body = download.get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))
    assert sorted(r["_district_code"] for r in rows) == ["9501", "9503"]
    assert (
        client_for(console, "pattani").get(f"/admin/surveys/exports/{export.id}").status_code == 403
    )
    (requested,) = audit(console.app, "survey.export_requested")
    (downloaded,) = audit(console.app, "survey.exported")
    assert requested.detail == {"format": "csv", "provinces": [YALA]}
    assert (downloaded.username, downloaded.detail["rows"]) == ("yala", 2)


def test_a_survey_sent_to_an_area_reaches_its_volunteers_with_a_start_button(
    console: BotWithEmulator,
) -> None:
    somchai = volunteer(console, "U" + "a" * 32, province=YALA, district="9501")
    daud = volunteer(console, "U" + "b" * 32, province=PATTANI, district="9401")
    yala = client_for(console, "yala")
    assert post(yala, "/admin/surveys/returnee/announce", {"provinces": PATTANI}).status_code == 403
    sent = post(yala, "/admin/surveys/returnee/announce", {"provinces": YALA})
    assert sent.status_code == 302

    deadline = time.monotonic() + 10
    while not console.sim.messages(to=somchai.user_id, endpoint="multicast"):
        assert time.monotonic() < deadline, "the announcement did not arrive"
        time.sleep(0.05)
    (delivery,) = console.sim.messages(to=somchai.user_id, endpoint="multicast")
    (flex,) = delivery["messages"]
    assert "ขอเชิญอาสาสมัครทำแบบสำรวจ «แรงงานที่กลับจากทำงานต่างประเทศ»" in flex["altText"]
    button: dict[str, Any] = flex["contents"]["footer"]["contents"][0]["action"]
    assert button["label"] == "เริ่มทำแบบสำรวจ"
    assert console.sim.messages(to=daud.user_id, endpoint="multicast") == []

    somchai.postback(button["data"])  # the volunteer taps the start button
    assert "เริ่มแบบสำรวจ «แรงงานที่กลับจากทำงานต่างประเทศ»" in texts(somchai.last_reply())
    (announced,) = audit(console.app, "survey.announced")
    assert announced.detail["provinces"] == [YALA]
