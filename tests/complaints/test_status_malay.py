"""A Malay reporter hears about their case in Malay: status pushes, history, rating."""

from __future__ import annotations

import re

from bot.complaints.messages import chat_datetime
from bot.core.i18n import IN_MALAY
from bot.core.orm import utcnow
from tests.support.chat import quick_replies, say, texts

from .test_status_and_cli import cli, file_complaint

REPORTER = "U" + "6" * 32  # the reporter test_status_and_cli's file_complaint files for
THAI_SCRIPT = re.compile(r"[\u0e00-\u0e7f]")
NOTE = "Majikan sudah dipanggil ke pejabat."  # the officer's words, shown as written


def test_a_status_push_reaches_a_malay_reporter_in_malay(complaint_bot, sim) -> None:
    chat = sim.user(REPORTER, display_name="Mariyah")
    chat.follow()
    say(chat, "cakap Melayu")
    reference = file_complaint(complaint_bot)

    cli(complaint_bot, "set-status", reference, "forwarded", "--note", NOTE)

    pushed = texts(sim.messages(to=REPORTER, endpoint="push")[-1]["messages"])
    assert pushed.splitlines() == [
        f"Perkembangan aduan {reference}:",
        "Status: Dihantar kepada agensi",
        "Agensi: Pejabat Kebajikan dan Perlindungan Buruh Wilayah Narathiwat",
        f"Catatan: {NOTE}",
    ]


def test_a_malay_reporter_rates_and_reads_the_history_in_malay(complaint_bot, sim) -> None:
    chat = sim.user(REPORTER)
    chat.follow()
    say(chat, "cakap Melayu")
    reference = file_complaint(complaint_bot)
    cli(complaint_bot, "set-status", reference, "resolved", "--note", NOTE)
    push = sim.messages(to=REPORTER, endpoint="push")[-1]["messages"]
    assert "penilaian 1–5 bintang" in texts(push)
    stars = quick_replies(push)
    assert list(stars) == [f"{n} bintang {'⭐' * n}" for n in range(5, 0, -1)]

    # A rating typed in Malay counts as in Thai; a tap afterwards replaces it.
    assert texts(say(chat, "beri 4 bintang")) == (
        f"Terima kasih atas 4 bintang untuk aduan {reference}."
    )
    chat.postback(stars["5 bintang ⭐⭐⭐⭐⭐"]["data"])
    assert chat.last_text() == "Terima kasih atas 5 bintang."

    chat.postback(f"action=complaint_status&ref={reference}")
    history = texts(chat.last_reply())
    assert not THAI_SCRIPT.search(history.replace(NOTE, "")), history
    assert f"Aduan {reference}" in history and "Status terkini: Sudah diselesaikan" in history
    assert "Penilaian anda: 5 bintang" in history
    today = chat_datetime(utcnow(), IN_MALAY).rsplit(" ", 1)[0]  # "2 Dis 2026": Common Era
    assert today in history


def test_a_malay_speaker_with_no_case_is_shown_how_to_file_one(complaint_bot, sim) -> None:
    chat = sim.user(REPORTER)
    say(chat, "cakap Melayu")

    chat.postback("action=intent&intent=complaint_status")

    reply = chat.last_reply()
    assert "belum membuat sebarang aduan" in texts(reply)
    assert list(quick_replies(reply)) == ["Buat aduan"]
