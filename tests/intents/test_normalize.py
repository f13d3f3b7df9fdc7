"""What people type on phones becomes one form the classifier can learn from."""

from __future__ import annotations

import pytest

from intents import normalize
from intents.normalize import clip, fold, shorter_without_polite_endings, strip_polite_endings


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("เเม่บ้าน", "แม่บ้าน"),  # two sara e typed for sara ae
        ("ค่าาาา", "ค่า"),  # repeated vowel
        ("ครับบบบบ", "ครับ"),  # repeated consonant
        ("ค่ะะะะ", "ค่ะ"),
        ("ดีมากๆๆๆ", "ดีมากๆ"),
        ("ค่าแรง ๓๓๗ บาท", "ค่าแรง 337 บาท"),  # Thai digits
        ("ABC Pattani", "abc pattani"),  # Latin lower case
        ("ＯＫ１２", "ok12"),  # full-width forms
        ("ไปได้มั้ยคะ", "ไปได้ไหมคะ"),
        ("วันละเท่าไรคะ", "วันละเท่าไหร่คะ"),
        ("ทำพรือดีครับ", "ทำยังไงดีครับ"),  # southern dialect for "how"
        ("ประกันสังคม ม.40", "ประกันสังคม มาตรา 40"),
        ("สวัสดี   ครับ\n\nขอถาม", "สวัสดี ครับ ขอถาม"),
    ],
)
def test_normalize_fixes_what_phones_and_fast_typing_produce(typed: str, expected: str) -> None:
    assert normalize(typed) == expected


def test_laughter_stays_recognisable_as_555() -> None:
    assert normalize("5555555") == "555"
    assert normalize("ถถถถถ") == "555"  # the same keys with the Thai keyboard on
    assert normalize("😂🤣") == "555 555"


def test_numbers_that_contain_fives_are_not_laughter() -> None:
    assert normalize("โทร 0855555555") == "โทร 0855555555"
    assert normalize("ค่าแรง 555 บาท") == "ค่าแรง 555 บาท"


def test_double_letters_of_real_words_survive() -> None:
    assert normalize("คณะกรรมการ") == "คณะกรรมการ"
    assert normalize("กกจ.") == "กกจ."


def test_emoji_and_stickers_as_text() -> None:
    assert normalize("👍") == "โอเค"
    assert normalize("🙏") == "ขอบคุณ"
    assert normalize("ขอบคุณค่ะ ❤️✨") == "ขอบคุณค่ะ"
    assert normalize("[สติกเกอร์] สวัสดีค่ะ") == "สวัสดีค่ะ"
    assert normalize("(sticker)") == ""
    assert normalize("ok (lol)") == "ok 555"


def test_invisible_and_control_characters_are_dropped() -> None:
    assert normalize("สวัส\u200bดี\ufeff\x00") == "สวัสดี"


def test_any_string_normalises_without_error() -> None:
    for text in ["", " ", "\ufffd\ufffd", "\x00" * 10, "ก" * 10_000, "🙂" * 500, "\u2028"]:
        assert isinstance(normalize(text), str)


def test_clip_keeps_the_start_and_the_question_at_the_end() -> None:
    story = "เล่าเรื่อง" * 500 + " สรุปคือนายจ้างไม่จ่ายเงินเดือนทำยังไงดีคะ"
    clipped = clip(story)
    assert len(clipped) < 800
    assert clipped.startswith("เล่าเรื่อง")
    assert clipped.endswith("ทำยังไงดีคะ")


def test_fold_maps_every_character_back_to_the_text_as_typed() -> None:
    folded, offsets = fold("เเว้ง ๑๒ AS")
    assert folded == "แว้ง 12 as"
    assert len(offsets) == len(folded) + 1
    assert offsets[1] == 2  # the char after the folded "แ" sits after the two typed sara e


@pytest.mark.parametrize(
    ("typed", "bare"),
    [
        ("ยินยอมค่ะ", "ยินยอม"),
        ("ยกเลิกครับ!", "ยกเลิก"),
        ("ได้เลยนะคะ", "ได้"),
        ("หนองจิก ค่ะ", "หนองจิก"),
        ("ตกลงจ้า~", "ตกลง"),
        ("ยินยอม", "ยินยอม"),
    ],
)
def test_polite_endings_and_trailing_marks_come_off_an_answer(typed: str, bare: str) -> None:
    assert strip_polite_endings(typed) == bare


def test_an_answer_that_is_only_a_polite_word_stays_as_typed() -> None:
    assert strip_polite_endings("ค่ะ") == "ค่ะ"
    assert strip_polite_endings("!!") == "!!"


def test_endings_come_off_one_at_a_time_so_a_name_ending_like_one_survives() -> None:
    # The district จะนะ ends like the particle นะ: a reader of names stops at "จะนะ".
    assert list(shorter_without_polite_endings("จะนะค่ะ")) == ["จะนะ", "จะ"]
    assert list(shorter_without_polite_endings("ปัตตานี")) == []
    assert list(shorter_without_polite_endings("ค่ะ")) == []
