"""The /_sim inspection API, its live stream, the Python client and the chat page route."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from click.testing import CliRunner

import linesim.cli
from linesim import RunningSim, SimClient, SimConfig, create_app
from tests.linesim.support import Api, text


def sse_events(lines: Iterator[str]) -> Iterator[tuple[str | None, dict]]:
    event = None
    for line in lines:
        if line.startswith("event: "):
            event = line[len("event: ") :]
        elif line.startswith("data: "):
            yield event, json.loads(line[len("data: ") :])
            event = None


def test_the_stream_shows_deliveries_and_typing_live(
    linesim_server: RunningSim, linesim_client: SimClient, linesim_api: Api
) -> None:
    user = linesim_client.user(display_name="สมชาย").user_id
    with requests.get(
        f"{linesim_server.url}/_sim/stream", params={"userId": user}, stream=True, timeout=5
    ) as live:
        lines = live.iter_lines(decode_unicode=True)
        assert next(lines) == ": connected"
        # The stream holds a thread; other requests must still be served meanwhile.
        linesim_api.post("/v2/bot/chat/loading/start", {"chatId": user, "loadingSeconds": 5})
        linesim_api.post("/v2/bot/message/push", {"to": user, "messages": [text("สวัสดีค่ะ")]})
        events = sse_events(lines)
        typing = next(events)
        delivery = next(events)

    assert typing == ("typing", {"userId": user, "loadingSeconds": 5})
    assert delivery[0] is None
    assert delivery[1]["endpoint"] == "push"
    assert delivery[1]["messages"] == [text("สวัสดีค่ะ")]


def test_users_are_created_then_updated(linesim_client: SimClient) -> None:
    chat = linesim_client.user(display_name="ก")
    linesim_client.user(chat.user_id, display_name="ข", picture_url="https://example.com/p.png")

    (user,) = linesim_client.users()
    assert user == {
        "userId": chat.user_id,
        "displayName": "ข",
        "pictureUrl": "https://example.com/p.png",
        "language": "th",
        "statusMessage": None,
    }


def test_a_bad_user_id_is_refused(linesim_client: SimClient) -> None:
    with pytest.raises(RuntimeError, match="400"):
        linesim_client.user("not-a-line-id", display_name="x")


def test_messages_filter_by_recipient_endpoint_and_seq(
    linesim_client: SimClient, linesim_api: Api
) -> None:
    a = linesim_client.user(display_name="ก").user_id
    b = linesim_client.user(display_name="ข").user_id
    linesim_api.post("/v2/bot/message/push", {"to": a, "messages": [text("1")]})
    linesim_api.post("/v2/bot/message/multicast", {"to": [a, b], "messages": [text("2")]})
    linesim_api.post("/v2/bot/message/broadcast", {"messages": [text("3")]})

    everything = linesim_client.messages()
    assert [d["seq"] for d in everything] == [1, 2, 3]
    assert everything[2]["to"] == [a, b]
    assert [d["seq"] for d in linesim_client.messages(to=b)] == [2, 3]
    assert [d["seq"] for d in linesim_client.messages(endpoint="multicast")] == [2]
    assert [d["seq"] for d in linesim_client.messages(to=a, after=1)] == [2, 3]
    assert everything[0]["requestId"] and everything[0]["retryKey"] is None


def test_reset_forgets_everything(linesim_client: SimClient, linesim_api: Api) -> None:
    user = linesim_client.user(display_name="ก").user_id
    linesim_api.post("/v2/bot/message/push", {"to": user, "messages": [text("1")]})

    linesim_client.reset()

    assert linesim_client.users() == []
    assert linesim_client.messages() == []
    assert linesim_client.stats()["requests"] == {}


def test_stats_count_requests_and_statuses(linesim_client: SimClient, linesim_api: Api) -> None:
    user = linesim_client.user(display_name="ก").user_id
    linesim_api.post("/v2/bot/message/push", {"to": user, "messages": [text("1")]})
    linesim_api.post("/v2/bot/message/reply", {"replyToken": "x", "messages": [text("1")]})

    stats = linesim_client.stats()

    assert stats["requests"] == {"push": 1, "reply": 1}
    assert stats["status"] == {"2xx": 1, "4xx": 1, "429": 0, "5xx": 0}


def test_config_changes_and_refuses_nonsense(
    linesim_client: SimClient, linesim_server: RunningSim
) -> None:
    changed = linesim_client.configure(
        errorRate=0.25, rateLimits={"push": [5, 1]}, monthlyQuota=100
    )

    assert (changed["errorRate"], changed["rateLimits"]["push"], changed["monthlyQuota"]) == (
        0.25,
        [5, 1],
        100,
    )
    assert linesim_server.config.error_rate == 0.25
    with pytest.raises(RuntimeError, match="400"):
        linesim_client.configure(errorRate=2)
    with pytest.raises(RuntimeError, match="400"):
        linesim_client.configure(colour="blue")


def test_last_reply_explains_when_nothing_came(linesim_client: SimClient) -> None:
    chat = linesim_client.user(display_name="ก")
    chat.say("มีใครอยู่ไหม")

    with pytest.raises(AssertionError, match="no reply or push"):
        chat.last_reply(timeout=0.1)


def test_last_reply_ignores_what_came_before_the_users_last_message(
    linesim_client: SimClient, linesim_api: Api
) -> None:
    chat = linesim_client.user(display_name="ก")
    linesim_api.post("/v2/bot/message/push", {"to": chat.user_id, "messages": [text("เก่า")]})
    token = chat.say("ใหม่")["replyToken"]
    linesim_api.post(
        "/v2/bot/message/reply", {"replyToken": token, "messages": [text("ตอบ"), text("ค่ะ")]}
    )

    assert chat.last_text() == "ตอบ\nค่ะ"
    assert len(chat.messages()) == 2


def test_the_chat_page_and_static_files_are_served(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<!doctype html><title>แชท</title>", encoding="utf-8")
    (tmp_path / "chat.js").write_text("// chat", encoding="utf-8")
    app = create_app(SimConfig())
    app.static_folder = str(tmp_path)
    client = app.test_client()

    page = client.get("/")
    script = client.get("/static/chat.js")

    assert page.status_code == 200 and "แชท" in page.get_data(as_text=True)
    assert script.status_code == 200
    page.close()
    script.close()


def test_cli_builds_the_config_from_options_and_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: dict = {}
    monkeypatch.setattr(
        linesim.cli, "serve", lambda config, host, port: seen.update(c=config, h=host, p=port)
    )
    monkeypatch.setenv("LINE_CHANNEL_SECRET", "from-env")

    result = CliRunner().invoke(
        linesim.cli.linesim_command,
        [
            "--port",
            "9090",
            "--webhook-url",
            "http://127.0.0.1:8000/callback",
            "--access-token",
            "T",
            "--redelivery",
        ],
    )

    assert result.exit_code == 0, result.output
    config = seen["c"]
    assert (seen["h"], seen["p"]) == ("127.0.0.1", 9090)
    assert (config.channel_secret, config.access_token, config.redelivery) == (
        "from-env",
        "T",
        True,
    )
    assert config.webhook_url == "http://127.0.0.1:8000/callback"


def test_config_from_env_reads_numbers_and_limits() -> None:
    config = SimConfig.from_env(
        {
            "LINESIM_REPLY_TOKEN_TTL": "5",
            "LINESIM_MONTHLY_QUOTA": "200",
            "LINESIM_RATE_LIMITS": "push=10/1",
        }
    )

    assert (config.reply_token_ttl, config.monthly_quota, config.rate_limits["push"]) == (
        5.0,
        200,
        (10, 1.0),
    )
