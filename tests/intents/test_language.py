"""The bot knows when a message is not Thai, even before it can answer in Malay."""

from __future__ import annotations

import pytest

from intents import detect_language


@pytest.mark.parametrize(
    "text",
    ["สวัสดีครับ", "นายจ้างไม่จ่าย OT ครับ", "ขอ work permit ให้แรงงานพม่า", "๕๕๕ โอเค"],
)
def test_thai_including_mixed_english_words(text: str) -> None:
    assert detect_language(text) == "th"


@pytest.mark.parametrize(
    "text",
    [
        "saya nak cari kerja",
        "majikan tak bayar gaji saya",
        "Assalamualaikum, boleh tolong saya?",
        "terima kasih",
        "berapa gaji minimum di Pattani",
    ],
)
def test_malay_in_latin_letters(text: str) -> None:
    assert detect_language(text) == "ms"


@pytest.mark.parametrize(
    "text",
    ["Hello, how can I find a job?", "my employer did not pay my salary", "thank you"],
)
def test_english(text: str) -> None:
    assert detect_language(text) == "en"


@pytest.mark.parametrize("text", ["", "555", "!!!", "ok", "\ufffd\x00"])
def test_nothing_to_go_by(text: str) -> None:
    assert detect_language(text) == "und"
