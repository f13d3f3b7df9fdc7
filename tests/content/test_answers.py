"""The answer functions handlers call, on a loaded database (SQLite and PostgreSQL)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.content import answers, contacts
from bot.content.check import informational_intents
from bot.content.loader import load_content
from linesim.validation import check_messages
from tests.content.support import CONTENT_DIR, real_taxonomy


def _json(messages: list) -> list[dict]:
    return [message.to_dict() for message in messages]


def _title(message) -> str:  # type: ignore[no-untyped-def]
    return message.to_dict()["contents"]["body"]["contents"][0]["text"]


def test_answers_are_valid_line_messages_for_every_intent_and_differ_by_province(
    db_session: Session,
) -> None:
    load_content(db_session, CONTENT_DIR)

    for intent in sorted(informational_intents(real_taxonomy())):
        messages = answers.answer_for_intent(db_session, intent, None)
        assert messages is not None, intent
        assert check_messages(_json(messages)) == [], intent
    pattani = answers.answer_for_intent(db_session, "minimum_wage", "ปัตตานี")
    hat_yai = answers.answer_for_intent(db_session, "minimum_wage", "สงขลา")
    assert pattani is not None and hat_yai is not None
    assert "337 บาท" in pattani[0].contents.body.contents[1].text
    assert "380 บาท" in hat_yai[0].contents.body.contents[1].text
    assert answers.answer_for_intent(db_session, "complaint_file", None) is None


def test_read_more_and_related_postbacks_open_articles(db_session: Session) -> None:
    load_content(db_session, CONTENT_DIR)

    pieces = answers.read_more_messages(db_session, "unemployment-benefit")
    opened = answers.article_messages(db_session, "severance-pay")
    gone = answers.read_more_messages(db_session, "no-such-article")

    assert check_messages(_json(pieces)) == [] and "unemploy.doe.go.th" in pieces[0].text
    assert _title(opened[0]) == "ค่าชดเชยเมื่อถูกเลิกจ้าง"
    assert gone[0].text == answers.ARTICLE_GONE


def test_an_unsure_question_gets_a_carousel_of_the_three_best_articles(db_session: Session) -> None:
    load_content(db_session, CONTENT_DIR)

    messages = answers.search_messages(db_session, "อยากไปทำงานมาเลเซีย ต้องทำยังไง")
    nothing = answers.search_messages(db_session, "zzzz qqqq")

    assert messages is not None and check_messages(_json(messages)) == []
    assert messages[0].text == answers.DID_YOU_MEAN
    cards = messages[1].to_dict()["contents"]["contents"]
    assert len(cards) == 3
    assert cards[0]["body"]["contents"][0]["text"] == "ไปทำงานมาเลเซีย ต้องทำอย่างไร"
    assert nothing is None


def test_help_and_human_agent_messages(db_session: Session) -> None:
    load_content(db_session, CONTENT_DIR)

    help_messages = answers.help_menu_messages(db_session)
    agent = contacts.human_agent_messages(db_session, province="95")

    assert check_messages(_json(help_messages + agent)) == []
    assert _title(help_messages[0]) == "อาสาบอทช่วยอะไรได้บ้าง"
    for hotline in ("1506", "1546", "1694", "1676"):
        assert hotline in agent[0].text
    assert "สำนักงานแรงงานจังหวัดยะลา" in agent[0].text
    # It promises no answer in the chat and no sure call-back; it offers the complaint flow,
    # which staff do follow up.
    assert "ไม่ได้ตอบในแชตนี้" in agent[0].text and "อาจโทรกลับ" in agent[0].text
    assert agent[0].quick_reply.items[0].action.data == "action=intent&intent=complaint_file"


def test_warming_up_loads_every_word_list_an_answer_reads() -> None:
    from bot.content import answers, thai
    from intents.taxonomy import load_taxonomy

    for word_list in (answers._place_names, load_taxonomy, thai._general_frequencies):
        word_list.cache_clear()

    answers.warm_up()

    assert answers._place_names.cache_info().currsize == 1
    assert load_taxonomy.cache_info().currsize == 1
    assert thai._general_frequencies.cache_info().currsize == 1


def test_a_passage_shown_keeps_its_text_beside_the_summarys_sentence_naming_whom_to_call(
    db_session: Session,
) -> None:
    # unpaid-wages' summary is one folded line: the whole of it beside the passage left the
    # passage 90 characters, cut before "เดือนละ 1 ครั้ง".
    load_content(db_session, CONTENT_DIR)

    messages = answers.answer_for_intent(
        db_session, "labour_protection", None, "มาตรา 70 จ่ายค่าจ้างเดือนละกี่ครั้ง"
    )

    assert messages is not None
    shown = messages[0].contents.body.contents[1].text
    assert "อย่างน้อยเดือนละ 1 ครั้ง" in shown
    assert shown.endswith("ปรึกษาก่อนได้ที่สายด่วน 1546 หรือแจ้งเรื่องที่ 1506 กด 5 ค่ะ")
    assert "แบบ คร.7" not in shown  # the summary's first sentence is not repeated
