"""`asabot broadcast create|send|status|cancel` as staff and scripts use them."""

from __future__ import annotations

import json
from pathlib import Path

import requests
from flask import Flask
from sqlalchemy import func, select

from bot.broadcasts.cli import broadcast
from bot.broadcasts.models import Broadcast
from linesim.server import RunningSim
from tests.broadcasts.conftest import Clock, add_people, deliveries, sessions
from tests.broadcasts.test_schedule import bkk


def run(app: Flask, *args: str) -> str:
    result = app.test_cli_runner().invoke(broadcast, list(args))
    assert result.exit_code == 0, result.output
    return result.output.strip()


def test_create_send_and_status_reach_the_chosen_people(
    bot_app: Flask, emulator: RunningSim
) -> None:
    with sessions(bot_app)() as session:
        yala = add_people(session, emulator, 3, province="95")
        saba_yoi = add_people(session, emulator, 2, province="90", district="9006")
        add_people(session, emulator, 4, province="96")  # Narathiwat: not chosen
        add_people(session, emulator, 2, province="95", role=None)  # not a volunteer

    broadcast_id = run(
        bot_app,
        "create",
        "--text",
        "หน่วยเคลื่อนที่ผู้ตรวจการแผ่นดินมาวันศุกร์นี้ค่ะ",
        "--role",
        "volunteer",
        "--province",
        "ยะลา",
        "--district",
        "สะบ้าย้อย",
    )
    sent = json.loads(run(bot_app, "send", broadcast_id, "--wait").splitlines()[-1])
    status = json.loads(run(bot_app, "status", broadcast_id, "--json"))

    assert sent["status"] == status["status"] == "sent"
    assert status["recipients"] == status["accepted"] == 5
    assert status["audience"] == {
        "roles": ["volunteer"],
        "provinces": ["95"],
        "districts": ["9006"],
    }
    assert deliveries(emulator) == {user_id: 1 for user_id in [*yala, *saba_yoi]}
    assert "sent" in run(bot_app, "status", broadcast_id)


def test_create_at_a_time_schedules_and_cancel_stops_it(bot_app: Flask, clock: Clock) -> None:
    clock.now = bkk(9, 0)
    broadcast_id = run(bot_app, "create", "--text", "ข่าว", "--at", "2026-03-02T15:00:00")

    status = json.loads(run(bot_app, "status", broadcast_id, "--json"))
    assert (status["status"], status["due_at"]) == ("scheduled", bkk(15, 0).isoformat())
    assert run(bot_app, "cancel", broadcast_id) == f"broadcast {broadcast_id} cancelled"
    result = bot_app.test_cli_runner().invoke(broadcast, ["cancel", broadcast_id])
    assert result.exit_code != 0 and "too late" in result.output


def test_unknown_places_and_ids_are_refused_with_a_reason(bot_app: Flask) -> None:
    result = bot_app.test_cli_runner().invoke(
        broadcast, ["create", "--text", "ข่าว", "--province", "ไม่มีจังหวัดนี้"]
    )
    assert result.exit_code != 0 and "unknown province" in result.output
    result = bot_app.test_cli_runner().invoke(broadcast, ["status", "999"])
    assert result.exit_code != 0 and "no broadcast 999" in result.output


BUBBLE = {
    "type": "bubble",
    "body": {
        "type": "box",
        "layout": "vertical",
        "contents": [{"type": "text", "text": "นัดพบแรงงาน ยะลา วันเสาร์นี้ค่ะ", "wrap": True}],
    },
}
POSTER = "https://example.org/job-fair-yala.jpg"


def test_text_image_and_flex_go_out_in_the_order_given(
    bot_app: Flask, emulator: RunningSim, tmp_path: Path
) -> None:
    with sessions(bot_app)() as session:
        people = add_people(session, emulator, 2)
    bubble = tmp_path / "fair.json"
    bubble.write_text(json.dumps(BUBBLE, ensure_ascii=False), encoding="utf-8")
    message = tmp_path / "message.json"
    message.write_text(
        json.dumps({"type": "flex", "altText": "แผนที่งาน", "contents": BUBBLE}), encoding="utf-8"
    )

    broadcast_id = run(
        bot_app,
        "create",
        "--image",
        POSTER,
        "--text",
        "งานนัดพบแรงงานที่ยะลาค่ะ",
        "--flex",
        str(bubble),
        "--alt-text",
        "งานนัดพบแรงงาน ยะลา",
        "--text=ลงทะเบียนหน้างานได้เลยค่ะ",
        "--flex",
        str(message),
    )
    run(bot_app, "send", broadcast_id, "--wait")

    sent = requests.get(f"{emulator.url}/_sim/messages?endpoint=multicast", timeout=10).json()
    (request,) = sent["messages"]
    assert [m["type"] for m in request["messages"]] == ["image", "text", "flex", "text", "flex"]
    image, first, flex, second, whole = request["messages"]
    assert image["originalContentUrl"] == image["previewImageUrl"] == POSTER
    assert (first["text"], second["text"]) == ("งานนัดพบแรงงานที่ยะลาค่ะ", "ลงทะเบียนหน้างานได้เลยค่ะ")
    assert flex["altText"] == "งานนัดพบแรงงาน ยะลา" and flex["contents"]["type"] == "bubble"
    assert whole["altText"] == "แผนที่งาน"
    assert deliveries(emulator) == {user_id: 1 for user_id in people}


def refused(app: Flask, *args: str) -> str:
    result = app.test_cli_runner().invoke(broadcast, list(args))
    assert result.exit_code != 0
    return result.output


def test_messages_line_would_refuse_are_refused_at_create(bot_app: Flask, tmp_path: Path) -> None:
    bubble = tmp_path / "bubble.json"
    bubble.write_text(json.dumps(BUBBLE), encoding="utf-8")
    not_flex = tmp_path / "list.json"
    not_flex.write_text("[1, 2]", encoding="utf-8")

    assert "--alt-text" in refused(bot_app, "create", "--flex", str(bubble))
    assert "not a JSON object" in refused(bot_app, "create", "--flex", str(not_flex))
    assert "https://" in refused(bot_app, "create", "--image", "http://example.org/a.jpg")
    assert "1 to 5 messages" in refused(bot_app, "create", *["--text", "ข่าว"] * 6)
    assert "1 to 5 messages" in refused(bot_app, "create", "--role", "volunteer")
    with sessions(bot_app)() as session:
        assert session.scalar(select(func.count()).select_from(Broadcast)) == 0
