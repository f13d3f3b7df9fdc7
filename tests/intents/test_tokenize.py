"""newmm with the domain dictionary keeps abbreviations, departments and places whole."""

from __future__ import annotations

from intents import tokenize
from intents.tokenize import abbreviations, domain_words


def test_abbreviations_stay_one_token() -> None:
    assert tokenize("ไปสนง.ปกส.มาแล้ว") == ["ไป", "สนง.", "ปกส.", "มา", "แล้ว"]
    assert "กสร." in tokenize("โทรหากสร.ได้ไหม")


def test_departments_and_region_places_stay_whole() -> None:
    assert "กรมการจัดหางาน" in tokenize("กรมการจัดหางานอยู่ไหน")
    assert "สะบ้าย้อย" in tokenize("อยู่สะบ้าย้อยค่ะ")
    assert "ตะลุโบะ" in tokenize("บ้านอยู่ตะลุโบะ")


def test_the_custom_dictionary_changes_the_split() -> None:
    from pythainlp.tokenize import word_tokenize

    assert word_tokenize("อยู่สะบ้าย้อยค่ะ", engine="newmm") != tokenize("อยู่สะบ้าย้อยค่ะ")


def test_the_dictionary_knows_the_abbreviations_in_both_spellings() -> None:
    assert {"ปกส", "ปกส.", "กกจ.", "สนง."} <= set(domain_words())
    assert abbreviations()["ปกส."] == "ประกันสังคม"


def test_whitespace_is_dropped_unless_asked_for() -> None:
    assert tokenize("สวัสดี ครับ") == ["สวัสดี", "ครับ"]
    assert "".join(tokenize("สวัสดี ครับ", keep_whitespace=True)) == "สวัสดี ครับ"
    assert tokenize("") == []


def test_long_text_is_segmented_quickly() -> None:
    tokens = tokenize("นายจ้างไม่จ่ายเงิน" * 1000)
    assert "นายจ้าง" in tokens
