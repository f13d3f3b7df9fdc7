"""Jawi read as Rumi: the word table, keyboard variants, clitics, and spans back to the text."""

from __future__ import annotations

import pytest

from intents.jawi import fold_jawi, table, transliterate


@pytest.mark.parametrize(
    ("jawi", "rumi"),
    [
        ("ساي ماهو چاري کرجا", "saya mahu cari kerja"),
        ("مجيکن تيدق باير ݢاجي", "majikan tidak bayar gaji"),
        ("تريما کاسيه", "terima kasih"),
        ("براڤ اوڤه مينيموم د ڤطاني", "berapa upah minimum di patani"),
        ("ادوان ساي سوده سمڤاي مان؟", "aduan saya sudah sampai mana?"),
    ],
)
def test_words_of_the_table_read_as_rumi(jawi: str, rumi: str) -> None:
    assert transliterate(jawi).rumi == rumi


def test_arabic_keyboard_letters_and_vowel_marks_fold_to_jawi() -> None:
    assert fold_jawi("كرجا") == fold_jawi("کرجا")  # Arabic kaf, Jawi kaf
    assert fold_jawi("ساى") == fold_jawi("ساي")  # alef maksura
    assert fold_jawi("ڬاجي") == fold_jawi("ݢاجي")  # the older dotted gaf
    assert fold_jawi("سَاي") == "ساي"  # a fatha is dropped
    assert transliterate("ساى ماهو كرجا").rumi == "saya mahu kerja"


def test_greeting_typed_as_two_words_reads_as_one() -> None:
    assert transliterate("السلام عليكم").rumi == "assalamualaikum"


def test_clitics_prefix_and_reduplication() -> None:
    assert transliterate("ݢاجينڽ").rumi == "gajinya"
    assert transliterate("کرجاله").rumi == "kerjalah"
    assert transliterate("دباير").rumi == "dibayar"
    assert transliterate("انق٢").rumi == "anak-anak"


def test_an_unknown_word_is_spelt_out_and_other_text_passes_through() -> None:
    reading = transliterate("ساي ڤچوت 081-234-5678")
    assert reading.rumi.startswith("saya ")
    assert reading.rumi.endswith(" 081-234-5678")
    assert reading.rumi.split()[1].isascii()


def test_a_span_of_the_reading_points_into_the_text_as_typed() -> None:
    text = "کرجا د ڤطاني"
    reading = transliterate(text)
    start = reading.rumi.index("patani")
    assert reading.source_span(start, start + len("patani")) == (7, len(text))
    assert text[7:] == "ڤطاني"


def test_the_table_holds_the_domain_and_the_places() -> None:
    words = table()
    assert len(words) > 500
    assert words[fold_jawi("ڤکرجا")] == "pekerja"
    assert words[fold_jawi("جالا")] == "jala"
    assert words[fold_jawi("فطاني")] == "patani"
