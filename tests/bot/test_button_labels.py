"""Every button and quick-reply label reaches LINE whole: written short for the purpose, never a
longer label cut at LINE's 20 characters ("ความปลอดภัยในการทำงา")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import geothai
import pytest
from pythainlp.tokenize import word_tokenize

from bot.chat.flows.place_steps import AREA_CHOICES
from bot.chat.menu import (
    MAIN_MENU,
    MAX_LABEL,
    SHORT_INTENT_LABELS,
    button_label,
    intent_label,
    intent_postback,
    label_length,
)
from bot.core.places import REGION_AREAS
from intents import load_taxonomy
from intents.fallback import FallbackPolicy
from tests.conftest import BotWithEmulator
from tests.content.support import real_articles
from tests.support.fakes import RankingNLU

BOT_DIR = Path(__file__).resolve().parents[2] / "bot"
TAXONOMY_LABELS = {intent.id: intent.th for intent in load_taxonomy().intents}


def _whole_words_of(label: str, longer: str) -> bool:
    """Whether `label` is a run of whole words of `longer` (so not a word cut in two)."""
    words = word_tokenize(longer, engine="newmm")
    starts = {sum(len(w) for w in words[:i]) for i in range(len(words) + 1)}
    at = longer.find(label)
    return at in starts and at + len(label) in starts


def test_no_code_cuts_a_label_at_lines_limit() -> None:
    cuts = re.compile(r"\[:\s*(?:19|20|MAX_LABEL)\s*\]")
    found = [
        f"{path.relative_to(BOT_DIR)}:{number}"
        for path in BOT_DIR.rglob("*.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if cuts.search(line)
    ]
    assert found == []


def test_every_intent_has_a_whole_button_label_within_line_s_limit() -> None:
    for intent_id, th in TAXONOMY_LABELS.items():
        label = intent_label(intent_id, TAXONOMY_LABELS)
        assert label_length(label) <= MAX_LABEL, intent_id
        if label_length(th) <= MAX_LABEL:
            assert label == th
        else:
            # A label written for the purpose: no cut of the long one.
            assert label == SHORT_INTENT_LABELS[intent_id]
            assert label != th[:MAX_LABEL]
            assert not th.startswith(label) or _whole_words_of(label, th), (label, th)
    assert intent_label("workplace_safety", TAXONOMY_LABELS) == "ความปลอดภัยในงาน"


def test_a_label_too_long_is_refused_where_it_is_made_not_cut() -> None:
    too_long = "ก" * (MAX_LABEL + 1)
    with pytest.raises(ValueError, match="longer than 20"):
        button_label(too_long)
    with pytest.raises(ValueError, match="longer than 20"):
        intent_postback(too_long, "help_menu")
    assert button_label("ก" * MAX_LABEL) == "ก" * MAX_LABEL


def test_every_place_and_menu_button_shows_its_name_whole() -> None:
    assert [c.label for c in AREA_CHOICES] == [label for label, _, _ in REGION_AREAS]
    for label, _intent in MAIN_MENU:
        assert label_length(label) <= MAX_LABEL, label
    # District buttons name the district as geothai spells it: every one of them fits.
    for province in geothai.provinces():
        for district in geothai.districts(province.code):
            assert label_length(district.name_th) <= MAX_LABEL, district.name_th


def test_every_article_has_a_label_of_its_own_that_fits() -> None:
    # Without one, a button would show the title cut between words ("…").
    for article in real_articles():
        label = article.label or article.title
        assert label_length(label) <= MAX_LABEL, article.id


# Unsure between the four intents with the longest Thai labels: the bot offers all four.
UNSURE = RankingNLU(
    [
        (intent, 0.3)
        for intent in ("workplace_safety", "skill_training", "complaint_status", "volunteer_role")
    ],
    FallbackPolicy(max_candidates=4),
)


@pytest.fixture
def bot(db_url: str) -> Iterator[BotWithEmulator]:
    running = BotWithEmulator(db_url, NLU=UNSURE)
    yield running
    running.stop()


def test_an_unsure_answer_offers_its_guesses_under_whole_short_labels(
    bot: BotWithEmulator,
) -> None:
    chat = bot.sim.user("U" + "4d" * 16, display_name="นูรีซัน")
    chat.say("นายจ้างไม่ให้ใส่หมวกกันน็อก")
    items = chat.last_reply()[-1]["quickReply"]["items"]
    labels = [item["action"]["label"] for item in items]
    assert labels == [
        "ความปลอดภัยในงาน",
        "ฝึกอาชีพ พัฒนาฝีมือ",
        "ติดตามเรื่อง",
        "บทบาทอาสา / บัณฑิต",
        "เมนูทั้งหมด",
    ]
