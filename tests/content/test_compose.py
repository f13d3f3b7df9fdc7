"""Articles as LINE messages, checked by the emulator's validator: cards, pieces, carousels."""

from __future__ import annotations

import datetime as dt

import pytest
from linebot.v3.messaging import FlexMessage, TextMessage

from bot.content import compose
from bot.content.answers import pick_article
from bot.content.check import informational_intents
from bot.content.languages import framing
from bot.content.loader import to_row
from bot.content.models import ContentArticle
from linesim.validation import check_messages
from tests.content.support import real_articles, real_taxonomy

ALL_ROWS = [to_row(article) for article in real_articles()]
# Answers rank the articles of one language at a time (store.active_articles).
ROWS = [row for row in ALL_ROWS if row.lang == "th"]
BY_ID = {row.id: row for row in ALL_ROWS}


def _fresh_row(lang: str) -> ContentArticle:
    """A new row of the first article in `lang`, for a test that changes it."""
    return to_row(next(a for a in real_articles() if a.lang == lang))


def _json(messages: list) -> list[dict]:
    return [message.to_dict() for message in messages]


def _related(row: ContentArticle) -> list[ContentArticle]:
    return [BY_ID[i] for i in row.related]


@pytest.mark.parametrize("intent", sorted(informational_intents(real_taxonomy())))
def test_every_informational_intent_has_an_answer_line_accepts(intent: str) -> None:
    row = pick_article(ROWS, intent)
    assert row is not None

    messages = [compose.article_message(row, _related(row))]

    assert check_messages(_json(messages)) == []
    assert messages[0].to_dict()["contents"]["type"] == "bubble"


@pytest.mark.parametrize("row", ALL_ROWS, ids=lambda r: r.id)
def test_every_article_card_and_read_more_pass_line_validation(row: ContentArticle) -> None:
    card = [compose.article_message(row, _related(row))]
    pieces = compose.read_more(row, _related(row))

    assert check_messages(_json(card)) == []
    assert check_messages(_json(pieces)) == []
    assert 1 <= len(pieces) <= 5
    # Framed in the article's own language: "ที่มาของข้อมูล", "Sumber maklumat".
    assert pieces[-1].alt_text.startswith(framing(row.lang).sources_heading)


def test_the_card_shows_title_summary_source_line_and_a_read_more_postback() -> None:
    row = BY_ID["minimum-wage-pattani"]

    bubble = compose.article_message(row).to_dict()["contents"]
    texts = [c.get("text") for c in bubble["body"]["contents"]]
    button = bubble["footer"]["contents"][0]["action"]

    assert texts[0] == row.title
    assert texts[1] == row.summary
    # The first source is named: the ministry's page, listed before the press reports.
    assert texts[-1].startswith("ที่มา: กระทรวงแรงงาน และอีก 3 แหล่ง · ปรับปรุง ")
    assert button == {
        "type": "postback",
        "label": "อ่านต่อ",
        "data": "action=read_more&article=minimum-wage-pattani",
        "displayText": "อ่านต่อ",
    }


def test_dates_are_shown_in_the_buddhist_era() -> None:
    row = _fresh_row("th")
    row.reviewed = dt.date(2025, 1, 1)

    assert compose.source_line(row).endswith("ปรับปรุง 1 ม.ค. 2568")


def test_a_malay_card_is_framed_in_malay_with_gregorian_dates() -> None:
    row = _fresh_row("ms")
    row.reviewed = dt.date(2025, 1, 1)
    card = compose.article_message(row).to_dict()

    assert compose.source_line(row).endswith("dikemas kini 1 Januari 2025")
    assert card["contents"]["footer"]["contents"][0]["action"]["label"] == "Baca lagi"
    assert compose.sources_text(row).startswith("Sumber maklumat")


def test_related_articles_become_at_most_13_article_postbacks_with_short_labels() -> None:
    many = ROWS[:20]

    quick = compose.related_quick_reply(many)

    assert quick is not None and len(quick.items) == 13
    for item, row in zip(quick.items, many, strict=False):
        assert item.action.data == f"action=article&article={row.id}"
        assert item.action.label == row.label


def test_an_article_without_a_label_gets_its_title_cut_between_words() -> None:
    row = _fresh_row("th")
    row.label = None

    label = compose.related_quick_reply([row]).items[0].action.label  # type: ignore[union-attr]

    assert label.endswith("…") and len(label.encode("utf-16-le")) // 2 <= 20
    assert row.title.startswith(label[:-1])


def test_a_long_body_is_cut_into_at_most_five_texts_within_line_limits() -> None:
    row = _fresh_row("th")
    row.body = "\n\n".join(["ข้อความยาว " * 300] * 5)  # 18,000 characters

    pieces = compose.read_more(row)

    assert len(pieces) <= 5
    assert check_messages(_json(pieces)) == []
    assert all(len(p.text) <= 5000 for p in pieces)
    # No room left for the sources card: the sources close the last text instead.
    assert "ที่มาของข้อมูล" in pieces[-1].text and "ตรวจทานล่าสุด" in pieces[-1].text


def test_a_carousel_card_opens_its_article() -> None:
    rows = ROWS[:3]

    message = compose.carousel_message(rows, "หมายถึงเรื่องนี้ไหมคะ")
    cards = message.to_dict()["contents"]["contents"]

    assert check_messages(_json([message])) == []
    assert [c["footer"]["contents"][0]["action"]["data"] for c in cards] == [
        f"action=article&article={r.id}" for r in rows
    ]


def test_volunteer_articles_say_who_they_are_for() -> None:
    bubble = compose.article_message(BY_ID["volunteer-personal-data"]).to_dict()["contents"]

    assert bubble["body"]["contents"][0]["text"] == compose.VOLUNTEER_TAG


@pytest.mark.parametrize(
    ("province", "expected"),
    [
        ("ปัตตานี", "minimum-wage-pattani"),
        ("จังหวัดยะลา", "minimum-wage-yala"),
        ("Narathiwat", "minimum-wage-narathiwat"),
        ("90", "minimum-wage-songkhla"),
        ("9003", "minimum-wage-songkhla"),  # Chana district code: a Songkhla district
        ("เชียงใหม่", "minimum-wage-overview"),
        (None, "minimum-wage-overview"),
    ],
)
def test_the_minimum_wage_answer_follows_the_users_province(
    province: str | None, expected: str
) -> None:
    row = pick_article(ROWS, "minimum_wage", province)

    assert row is not None and row.id == expected


def test_what_the_user_typed_chooses_among_articles_of_one_intent() -> None:
    row = pick_article(ROWS, "social_security", None, "มาตรา 40 จ่ายเดือนละกี่บาท")

    assert row is not None and row.id == "ss-section-40"


def _bubble_texts(message: FlexMessage) -> list[str]:
    return [c["text"] for c in message.to_dict()["contents"]["body"]["contents"] if "text" in c]


def test_read_more_ends_with_a_sources_card_in_thai_with_buttons_not_raw_links() -> None:
    row = BY_ID["unemployment-benefit"]

    pieces = compose.read_more(row, _related(row))
    card = pieces[-1]
    texts = _bubble_texts(card)
    buttons = [
        c["action"] for c in card.to_dict()["contents"]["body"]["contents"] if c["type"] == "button"
    ]

    assert all(isinstance(p, TextMessage) for p in pieces[:-1])
    assert not any("http" in p.text for p in pieces[:-1] if "ที่มา" in p.text)
    assert texts[0] == "ที่มาของข้อมูล"
    # The publisher, not the English headline; the date in the Buddhist era.
    assert "2. Bangkok Post" in texts and "เผยแพร่ 1 ก.ค. 2568" in texts
    assert not any("Unemployment benefits raised" in text for text in texts)
    assert texts[-1] == "ตรวจทานล่าสุด 2 ธ.ค. 2569"
    assert [b["uri"] for b in buttons] == [s["url"] for s in row.sources if s.get("url")]
    assert all(b["type"] == "uri" and len(b["label"]) <= 20 for b in buttons)
    assert card.quick_reply is not None  # the related articles stay on the last message


def test_an_undated_source_says_when_it_was_read_and_a_document_gets_no_button() -> None:
    row = BY_ID["ss-sections-overview"]

    card = compose.sources_message(row)
    texts = _bubble_texts(card)
    buttons = [c for c in card.to_dict()["contents"]["body"]["contents"] if c["type"] == "button"]

    assert "ข้อมูล ณ 21 พ.ย. 2569" in texts  # the SSO video page, read on that day
    assert "เผยแพร่ พ.ศ. 2568" in texts  # a source dated by year only
    assert len(buttons) == len([s for s in row.sources if s.get("url")]) < len(row.sources)


def test_a_source_credit_names_the_publisher_and_the_buddhist_era_date() -> None:
    dated = {
        "title": "The Nation: Department of Employment hotline",
        "url": "https://x.org/a",
        "published": "2022",
    }
    read = {
        "title": "สำนักงานผู้ตรวจการแผ่นดิน: ช่องทางการร้องเรียน",
        "url": "https://x.org/b",
        "accessed": "2026-11-21",
    }

    assert compose.source_credit(dated) == "ที่มา: The Nation, เผยแพร่ พ.ศ. 2565"
    assert compose.source_credit(read) == "ที่มา: สำนักงานผู้ตรวจการแผ่นดิน, ข้อมูล ณ 21 พ.ย. 2569"


def test_a_list_summary_keeps_one_item_per_line_on_the_card() -> None:
    row = BY_ID["dismissal-what-to-do"]

    summary = compose.article_message(row).to_dict()["contents"]["body"]["contents"][1]["text"]

    assert summary.splitlines()[1].startswith("1) ")
    assert [line[:2] for line in summary.splitlines()[1:4]] == ["1)", "2)", "3)"]
