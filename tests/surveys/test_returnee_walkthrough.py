"""The returnee form from start to submit as a volunteer would do it: 39 turns, most of them
taps, nothing asked twice, every answer kept with the version it was given on."""

from __future__ import annotations

from bot.surveys.models import ResponseStatus
from tests.conftest import BotWithEmulator
from tests.support.chat import texts
from tests.surveys import returnee_interview
from tests.surveys.conftest import responses, volunteer


def test_a_realistic_returnee_interview_finishes_in_39_turns(survey_bot: BotWithEmulator) -> None:
    chat = volunteer(survey_bot, "U" + "5" * 32, name="ฟาตีเมาะ", province="96", district="9601")

    walk = returnee_interview.run(chat)

    assert "บันทึกแบบสำรวจเรียบร้อยแล้วค่ะ" in texts(walk.last)
    assert (len(walk.seconds), walk.taps, walk.typed, walk.other) == (39, 24, 14, 1)
    (stored,) = responses(survey_bot)
    assert stored.status is ResponseStatus.SUBMITTED
    answers = stored.answers
    assert (answers["country"], answers["sector"], answers["channel"]) == (
        "malaysia",
        "restaurant",
        "broker",
    )
    assert answers["documents"] == ["passport", "border_pass"]
    assert (answers["cost_fee"], answers["cost_documents"], answers["cost_travel"]) == (
        8000,
        4500,
        1200,
    )
    assert answers["cost_total"] == 13700 and answers["wage_shortfall"] == "yes"
    assert answers["problems"] == ["long_hours", "no_rest", "passport_held"]
    assert answers["member"] == [
        {"member_relation": "spouse", "member_country": "malaysia", "member_abroad_now": "yes"}
    ]
    assert answers["returned_on"] == "2024-11-20" and answers["phone"] == "0891234567"
    assert "country_other" not in answers and "contract_language" not in answers
