"""NLU.understand: everything the bot needs about one message, for any message."""

from __future__ import annotations

import json

import pytest

from intents.pipeline import NLU, Understanding


def test_understanding_carries_intent_entities_language_and_decision(nlu: NLU) -> None:
    result = nlu.understand("ขอตรวจสอบสถานะเรื่อง AS-2568-000123 หน่อยค่ะ")
    assert isinstance(result, Understanding)
    assert result.intent == "complaint_status"
    assert result.ranking[0].intent == result.intent
    assert result.confidence == result.ranking[0].confidence
    assert result.lang == "th"
    assert [(e.kind, e.value) for e in result.entities] == [("reference", "AS-2568-000123")]
    assert result.decision.kind in ("accept", "clarify")


def test_typos_and_thai_digits_reach_the_right_intent(nlu: NLU) -> None:
    result = nlu.understand("ค่าแรงขั้นต่ำ ปตน. วันละเท่าไรคะะะ")
    assert result.intent == "minimum_wage"
    assert result.normalized == "ค่าแรงขั้นต่ำ ปตน. วันละเท่าไหร่คะ"
    assert result.entities[0].value == "ปัตตานี"


@pytest.mark.parametrize("text", ["", "   ", "!!!", "\ufffd\ufffd", "(sticker)"])
def test_nothing_to_read_is_out_of_scope(nlu: NLU, text: str) -> None:
    result = nlu.understand(text)
    assert result.intent == "out_of_scope"
    assert result.decision.kind == "out_of_scope"


def test_malay_is_flagged(nlu: NLU) -> None:
    assert nlu.understand("majikan tak bayar gaji saya").lang == "ms"


def test_understanding_is_json_serialisable(nlu: NLU) -> None:
    row = json.loads(
        json.dumps(nlu.understand("อ.จะนะ ค่าแรง 337 บาท").to_dict(), ensure_ascii=False)
    )
    assert {"text", "normalized", "lang", "intent", "confidence", "ranking", "entities"} <= set(row)
    assert [e["kind"] for e in row["entities"]] == ["district", "amount"]


def test_load_from_a_missing_directory_is_file_not_found(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(FileNotFoundError):
        NLU.load(tmp_path / "absent")


def test_malay_carries_its_language_and_script(nlu: NLU) -> None:
    result = nlu.understand("berapa upah minimum di Jala")
    assert (result.lang, result.language, result.script) == ("ms", "ms", "latin")
    assert result.intent == "minimum_wage"
    assert result.reading is None
    assert [(e.kind, e.value) for e in result.entities] == [("province", "ยะลา")]


def test_jawi_is_classified_through_its_rumi_reading(nlu: NLU) -> None:
    text = "براڤ اوڤه مينيموم د ڤطاني"
    result = nlu.understand(text)
    assert (result.lang, result.script) == ("ms", "arabic")
    assert result.reading == "berapa upah minimum di patani"
    assert result.intent == "minimum_wage"
    (place,) = result.entities
    assert (place.kind, place.value) == ("province", "ปัตตานี")
    assert text[place.start : place.end] == place.text == "ڤطاني"


def test_the_reading_and_script_are_in_the_json(nlu: NLU) -> None:
    row = nlu.understand("السلام عليكم").to_dict()
    assert (row["lang"], row["script"], row["reading"]) == ("ms", "arabic", "assalamualaikum")
    assert row["intent"] == "greeting"
