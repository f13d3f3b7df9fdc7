"""Which language a message is in: script first, then py3langid for Latin text."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from intents import detect_language
from intents.dataset import LANGUAGE_FILE
from intents.language import identify


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


def test_jawi_letters_are_malay() -> None:
    assert identify("ساي ماهو چاري کرجا").lang == "ms"
    assert identify("ساي ماهو چاري کرجا").script == "arabic"
    assert detect_language("السلام عليكم") == "ms"


@pytest.mark.parametrize(
    "text",
    ["gapo kabar", "ambo nok tanyo sikit", "ore kampung tok dapat gaji", "kijo kilang berapo"],
)
def test_patani_dialect_is_malay(text: str) -> None:
    assert detect_language(text) == "ms"


def test_a_malay_sentence_around_a_thai_term_is_malay_and_the_reverse_thai() -> None:
    assert detect_language("saya nak tanya pasal ประกันสังคม") == "ms"
    assert detect_language("อยากไปทำงาน Malaysia แบบถูกกฎหมาย") == "th"
    assert detect_language("ขอบคุณค่ะ terima kasih") == "th"


def test_the_guess_says_which_script_decided_it() -> None:
    assert identify("สวัสดีครับ").script == "thai"
    assert identify("saya nak cari kerja").script == "latin"
    assert identify("555").script == "none"
    assert 0.5 < identify("saya nak cari kerja").confidence <= 1.0


# Floors on the labelled set intents/data/test/language.jsonl (measured: 331 of 332 right).
FLOORS = {"thai": 0.98, "rumi": 0.97, "jawi": 0.98, "english": 0.95, "mixed": 0.93}


def test_accuracy_per_class_on_the_labelled_language_set() -> None:
    rows = [json.loads(line) for line in LANGUAGE_FILE.read_text(encoding="utf-8").splitlines()]
    assert set(FLOORS) == {r["class"] for r in rows} and len(rows) >= 300
    right: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for row in rows:
        seen[row["class"]] += 1
        right[row["class"]] += detect_language(row["text"]) == row["lang"]
    accuracy = {c: right[c] / seen[c] for c in seen}
    assert all(accuracy[c] >= floor for c, floor in FLOORS.items()), accuracy
