"""Rate limits, the monthly quota and the access token, answered as LINE answers them."""

from __future__ import annotations

from linesim import RunningSim, SimClient
from linesim.config import DEFAULT_RATE_LIMITS, SimConfig, parse_rate_limits
from linesim.ratelimit import RateLimiter
from tests.linesim.support import Api, text


def test_default_rate_limits_are_lines_published_values() -> None:
    limits = SimConfig().rate_limits

    assert limits["multicast"] == (200, 1.0)
    assert limits["push"] == limits["reply"] == (2000, 1.0)
    assert limits["broadcast"] == limits["narrowcast"] == (60, 3600.0)
    assert DEFAULT_RATE_LIMITS["default"] == (2000, 1.0)


def test_the_window_slides_with_the_clock() -> None:
    now = [0.0]
    limiter = RateLimiter(clock=lambda: now[0])

    admitted = [limiter.allow("push", 2, 1.0) for _ in range(3)]
    now[0] = 0.5
    still_full = limiter.allow("push", 2, 1.0)
    now[0] = 1.01
    reopened = limiter.allow("push", 2, 1.0)

    assert admitted == [True, True, False]
    assert still_full is False
    assert reopened is True
    assert limiter.allow("multicast", 1, 1.0) is True


def test_over_the_limit_is_429_with_lines_body(linesim_client: SimClient, linesim_api: Api) -> None:
    user = linesim_client.user(display_name="ก").user_id
    linesim_client.configure(rateLimits={"push": [3, 60]})

    codes = [
        linesim_api.post(
            "/v2/bot/message/push", {"to": user, "messages": [text(str(i))]}
        ).status_code
        for i in range(4)
    ]
    limited = linesim_api.post("/v2/bot/message/push", {"to": user, "messages": [text("x")]})
    other_endpoint = linesim_api.get("/v2/bot/message/quota")

    assert codes == [200, 200, 200, 429]
    assert limited.json() == {"message": "The API rate limit has been exceeded. Try again later."}
    assert other_endpoint.status_code == 200
    assert len(linesim_client.messages(to=user)) == 3
    assert linesim_client.stats()["status"]["429"] == 2


def test_rate_limits_parse_from_text() -> None:
    assert parse_rate_limits("push=10/1, broadcast=60/3600") == {
        "push": (10, 1.0),
        "broadcast": (60, 3600.0),
    }


def test_a_missing_or_wrong_token_is_401(linesim_server: RunningSim) -> None:
    missing = Api(linesim_server.url, token="").get("/v2/bot/message/quota")
    wrong = Api(linesim_server.url, token="nope").get("/v2/bot/message/quota")

    assert (missing.status_code, wrong.status_code) == (401, 401)
    assert "Authorization header required" in missing.json()["message"]
    assert wrong.json()["message"].startswith("Authentication failed")
    assert wrong.headers["x-line-request-id"]


def test_every_platform_answer_carries_a_distinct_request_id(linesim_api: Api) -> None:
    answers = [linesim_api.get("/v2/bot/message/quota") for _ in range(3)]
    answers.append(linesim_api.get("/v2/bot/no/such/endpoint"))

    ids = {a.headers["x-line-request-id"] for a in answers}
    assert len(ids) == 4
    assert answers[-1].status_code == 404
    assert answers[-1].json() == {"message": "Not found"}


def test_the_monthly_quota_counts_recipients_and_refuses_when_spent(
    linesim_client: SimClient, linesim_api: Api
) -> None:
    a = linesim_client.user(display_name="ก").user_id
    b = linesim_client.user(display_name="ข").user_id
    linesim_client.configure(monthlyQuota=3)

    multicast = linesim_api.post(
        "/v2/bot/message/multicast", {"to": [a, b], "messages": [text("1"), text("2")]}
    )
    push = linesim_api.post("/v2/bot/message/push", {"to": a, "messages": [text("3")]})
    spent = linesim_api.post("/v2/bot/message/push", {"to": b, "messages": [text("4")]})

    assert (multicast.status_code, push.status_code, spent.status_code) == (200, 200, 429)
    assert spent.json() == {"message": "You have reached your monthly limit."}
    assert linesim_api.get("/v2/bot/message/quota").json() == {"type": "limited", "value": 3}
    assert linesim_api.get("/v2/bot/message/quota/consumption").json() == {"totalUsage": 3}


def test_replies_are_free_of_quota(linesim_client: SimClient, linesim_api: Api) -> None:
    linesim_client.configure(monthlyQuota=0)
    token = linesim_client.user(display_name="ค").say("hi")["replyToken"]

    answer = linesim_api.post(
        "/v2/bot/message/reply", {"replyToken": token, "messages": [text("ค่ะ")]}
    )

    assert answer.status_code == 200
    assert linesim_api.get("/v2/bot/message/quota/consumption").json() == {"totalUsage": 0}


def test_push_to_someone_who_blocked_the_bot_fails(
    linesim_client: SimClient, linesim_api: Api
) -> None:
    chat = linesim_client.user(display_name="ง")
    chat.unfollow()

    blocked = linesim_api.post(
        "/v2/bot/message/push", {"to": chat.user_id, "messages": [text("x")]}
    )
    malformed = linesim_api.post("/v2/bot/message/push", {"to": "someone", "messages": [text("x")]})

    assert blocked.status_code == 400
    assert blocked.json()["message"] == "Failed to send messages"
    assert malformed.status_code == 400
