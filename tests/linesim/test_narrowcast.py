"""Narrowcast reaches whom its recipient object picks: audiences, and/or/not, redelivery.

Targeting the emulator cannot evaluate (demographic filters, unknown recipient types) is refused
with LINE's 400 body, never sent to every follower.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from linebot.v3.audience import ApiClient as AudienceClient
from linebot.v3.audience import (
    Audience,
    CreateAudienceGroupRequest,
    ManageAudience,
)
from linebot.v3.audience import Configuration as AudienceConfiguration
from linebot.v3.messaging import (
    ApiClient,
    AudienceRecipient,
    Configuration,
    MessagingApi,
    NarrowcastRequest,
    OperatorRecipient,
    RedeliveryRecipient,
    TextMessage,
)

from linesim import RunningSim, SimClient
from linesim.client import SimChat
from tests.linesim.support import TOKEN, Api, text


@pytest.fixture
def messaging(linesim_server: RunningSim) -> Iterator[MessagingApi]:
    with ApiClient(Configuration(host=linesim_server.url, access_token=TOKEN)) as client:
        yield MessagingApi(client)


@pytest.fixture
def audiences(linesim_server: RunningSim) -> Iterator[ManageAudience]:
    config = AudienceConfiguration(host=linesim_server.url, access_token=TOKEN)
    with AudienceClient(config) as client:
        yield ManageAudience(client)


@pytest.fixture
def people(linesim_client: SimClient) -> dict[str, SimChat]:
    """Four followers: two volunteers in Yala, one in Pattani, one member of the public."""
    return {
        name: linesim_client.user(display_name=name)
        for name in ("ยะลา-อาสา-1", "ยะลา-อาสา-2", "ปัตตานี-อาสา", "ประชาชน")
    }


def _audience(api: ManageAudience, name: str, *members: SimChat) -> int:
    created = api.create_audience_group(
        CreateAudienceGroupRequest(
            description=name, audiences=[Audience(id=m.user_id) for m in members]
        )
    )
    assert created.audience_group_id is not None
    return created.audience_group_id


def _reached(linesim_client: SimClient, people: dict[str, SimChat], text: str) -> list[str]:
    """Names of the people a narrowcast with `text` reached."""
    reached = set()
    for delivery in linesim_client.messages(endpoint="narrowcast"):
        if delivery["messages"][0]["text"] == text:
            reached.update(delivery["to"])
    return [name for name, user in people.items() if user.user_id in reached]


def test_an_audience_recipient_reaches_only_its_members(
    messaging: MessagingApi,
    audiences: ManageAudience,
    people: dict[str, SimChat],
    linesim_client: SimClient,
) -> None:
    yala = _audience(audiences, "อาสายะลา", people["ยะลา-อาสา-1"], people["ยะลา-อาสา-2"])

    sent = messaging.narrowcast_with_http_info(
        NarrowcastRequest(
            messages=[TextMessage(text="ประชุมอาสายะลา")],
            recipient=AudienceRecipient(audience_group_id=yala),
        )
    )
    progress = messaging.get_narrowcast_progress(sent.headers["x-line-request-id"])

    assert sent.status_code == 202
    assert _reached(linesim_client, people, "ประชุมอาสายะลา") == ["ยะลา-อาสา-1", "ยะลา-อาสา-2"]
    assert (progress.success_count, progress.target_count) == (2, 2)
    assert audiences.get_audience_data(yala).audience_group.audience_count == 2


def test_and_or_not_operators_combine_audiences_and_a_blocked_member_is_not_reached(
    messaging: MessagingApi,
    audiences: ManageAudience,
    people: dict[str, SimChat],
    linesim_client: SimClient,
) -> None:
    volunteers = _audience(
        audiences,
        "อาสาทั้งหมด",
        people["ยะลา-อาสา-1"],
        people["ยะลา-อาสา-2"],
        people["ปัตตานี-อาสา"],
    )
    yala = _audience(audiences, "ยะลา", people["ยะลา-อาสา-1"], people["ยะลา-อาสา-2"])
    pattani = _audience(audiences, "ปัตตานี", people["ปัตตานี-อาสา"])
    people["ยะลา-อาสา-2"].unfollow()

    def send(label: str, recipient: Any) -> list[str]:
        messaging.narrowcast(
            NarrowcastRequest(messages=[TextMessage(text=label)], recipient=recipient)
        )
        return _reached(linesim_client, people, label)

    volunteers_outside_yala = OperatorRecipient(
        var_and=[
            AudienceRecipient(audience_group_id=volunteers),
            OperatorRecipient(var_not=AudienceRecipient(audience_group_id=yala)),
        ]
    )
    either = OperatorRecipient(
        var_or=[
            AudienceRecipient(audience_group_id=yala),
            AudienceRecipient(audience_group_id=pattani),
        ]
    )
    not_volunteers = OperatorRecipient(var_not=AudienceRecipient(audience_group_id=volunteers))

    assert send("นอกยะลา", volunteers_outside_yala) == ["ปัตตานี-อาสา"]
    assert send("ยะลาหรือปัตตานี", either) == ["ยะลา-อาสา-1", "ปัตตานี-อาสา"]
    assert send("ไม่ใช่อาสา", not_volunteers) == ["ประชาชน"]


def test_a_redelivery_recipient_reaches_whom_the_earlier_narrowcast_reached(
    messaging: MessagingApi,
    audiences: ManageAudience,
    people: dict[str, SimChat],
    linesim_client: SimClient,
) -> None:
    pattani = _audience(audiences, "ปัตตานี", people["ปัตตานี-อาสา"])
    first = messaging.narrowcast_with_http_info(
        NarrowcastRequest(
            messages=[TextMessage(text="รอบแรก")],
            recipient=AudienceRecipient(audience_group_id=pattani),
        )
    )

    messaging.narrowcast(
        NarrowcastRequest(
            messages=[TextMessage(text="ส่งซ้ำ")],
            recipient=RedeliveryRecipient(request_id=first.headers["x-line-request-id"]),
        )
    )

    assert _reached(linesim_client, people, "ส่งซ้ำ") == ["ปัตตานี-อาสา"]


@pytest.mark.parametrize(
    ("targeting", "where"),
    [
        ({"filter": {"demographic": {"type": "gender", "oneOf": ["female"]}}}, "filter"),
        ({"recipient": {"type": "audience", "audienceGroupId": 123}}, "recipient.audienceGroupId"),
        ({"recipient": {"type": "redelivery", "requestId": "nope"}}, "recipient.requestId"),
        ({"recipient": {"type": "everyone"}}, "recipient.type"),
        ({"recipient": {"type": "operator"}}, "recipient"),
        ({"recipient": {"type": "operator", "and": []}}, "recipient.and"),
        (
            {"recipient": {"type": "operator", "or": [{"type": "audience", "audienceGroupId": 1}]}},
            "recipient.or[0].audienceGroupId",
        ),
    ],
)
def test_targeting_the_emulator_cannot_evaluate_is_refused_not_sent_to_everyone(
    linesim_api: Api,
    people: dict[str, SimChat],
    linesim_client: SimClient,
    targeting: dict[str, Any],
    where: str,
) -> None:
    answer = linesim_api.post(
        "/v2/bot/message/narrowcast", {"messages": [text("ถึงทุกคน?")], **targeting}
    )

    assert answer.status_code == 400
    body = answer.json()
    assert body["message"] == "The request body has 1 error(s)"
    assert [d["property"] for d in body["details"]] == [where]
    assert linesim_client.messages(endpoint="narrowcast") == []


def test_more_than_ten_recipient_objects_are_refused(
    linesim_api: Api, audiences: ManageAudience, people: dict[str, SimChat]
) -> None:
    group = _audience(audiences, "ทุกคน", *people.values())
    leaf = {"type": "audience", "audienceGroupId": group}

    ten = linesim_api.post(
        "/v2/bot/message/narrowcast",
        {"messages": [text("สิบ")], "recipient": {"type": "operator", "or": [leaf] * 10}},
    )
    eleven = linesim_api.post(
        "/v2/bot/message/narrowcast",
        {"messages": [text("สิบเอ็ด")], "recipient": {"type": "operator", "or": [leaf] * 11}},
    )

    assert ten.status_code == 202
    assert eleven.status_code == 400
    assert eleven.json()["details"][0]["property"] == "recipient"


def test_an_audience_can_grow_and_a_missing_one_is_not_found(
    linesim_api: Api, audiences: ManageAudience, people: dict[str, SimChat]
) -> None:
    group = _audience(audiences, "เริ่ม", people["ประชาชน"])

    added = linesim_api.call(
        "PUT",
        "/v2/bot/audienceGroup/upload",
        json={"audienceGroupId": group, "audiences": [{"id": people["ปัตตานี-อาสา"].user_id}]},
    )
    missing = linesim_api.get("/v2/bot/audienceGroup/999")
    bad = linesim_api.post("/v2/bot/audienceGroup/upload", {"audiences": [{"id": "x"}]})

    assert added.status_code == 202
    assert audiences.get_audience_data(group).audience_group.audience_count == 2
    assert (missing.status_code, missing.json()) == (404, {"message": "Not found"})
    assert bad.status_code == 400
    assert [d["property"] for d in bad.json()["details"]] == ["description", "audiences[0].id"]
