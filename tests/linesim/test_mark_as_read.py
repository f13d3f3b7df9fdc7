"""Mark as read and the month's quota, through the bot's own SDK client against the emulator."""

from __future__ import annotations

import pytest
from linebot.v3.messaging import ApiException, TextMessage

from bot.core.line import LineApi
from tests.linesim.support import TOKEN

USER = "U" + "c" * 32


def test_every_message_event_carries_a_read_token_that_marks_it_and_earlier_ones_read(
    linesim_server, linesim_client
) -> None:
    chat = linesim_client.user(USER)
    first = chat.say("สวัสดีค่ะ")["event"]["message"]
    second = chat.send_location(6.87, 101.25, title="ปัตตานี")["event"]["message"]
    assert first["markAsReadToken"] and second["markAsReadToken"] != first["markAsReadToken"]
    line = LineApi(linesim_server.url, TOKEN)
    try:
        line.mark_as_read(second["markAsReadToken"])
        line.mark_as_read(first["markAsReadToken"])  # an older one moves nothing back
        assert linesim_client.reads() == {USER: second["id"]}
        with pytest.raises(ApiException) as refused:
            line.mark_as_read("not-a-token")
        assert refused.value.status == 400
    finally:
        line.close()


def test_the_quota_counts_pushes_and_the_sdk_reads_limit_and_use(
    linesim_server, linesim_client
) -> None:
    linesim_client.user(USER).follow()
    line = LineApi(linesim_server.url, TOKEN)
    try:
        assert line.quota() == (None, 0)
        linesim_client.configure(monthlyQuota=100)
        line.push(USER, [TextMessage(text="จากเจ้าหน้าที่")], retry_key=None)
        assert line.quota() == (100, 1)
    finally:
        line.close()
