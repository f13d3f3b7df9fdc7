"""The words around content, in Malay: the contacts card, and the framing strings answers use.

Answers themselves pick their language elsewhere; here the marked framing strings (the "no
information" reply, "อ่านต่อ", source labels) are checked to have Malay forms that keep their
placeholders and LINE's limits, and the contacts card is said in Malay with hotlines exact.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.content import answers, contacts
from bot.content.languages import framing
from bot.content.loader import load_content
from bot.core.i18n import IN_MALAY
from linesim.validation import check_messages
from tests.content.support import CONTENT_DIR


def test_the_contacts_card_in_malay_keeps_every_hotline_and_the_office(db_session: Session) -> None:
    load_content(db_session, CONTENT_DIR)
    thai = contacts.human_agent_messages(db_session, province="95")
    malay = contacts.human_agent_messages(db_session, province="95", t=IN_MALAY)

    assert check_messages([m.to_dict() for m in malay]) == []
    text = malay[0].text
    assert text.startswith("AsaBot telah menghantar permintaan anda kepada pegawai")
    assert "Pejabat di wilayah anda: สำนักงานแรงงานจังหวัดยะลา" in text  # names as offices.yaml
    # Every hotline line, number and name, exactly as in the Thai card.
    hotlines = [line for line in thai[0].text.splitlines() if line.startswith("☎️")]
    for line in hotlines:
        number = line.split()[1]
        assert f"☎️ {number}" in text
    assert [line.split(" (")[0] for line in text.splitlines() if line.startswith("☎️")] == [
        line.split(" (")[0] for line in hotlines
    ]
    assert malay[0].quick_reply.items[0].action.label == "Buat aduan"


def test_the_answer_framing_has_malay_forms() -> None:
    malay = framing("ms")
    assert (
        IN_MALAY(answers.NO_INFORMATION)
        == malay.no_information
        == ("Maaf, AsaBot belum ada maklumat yang disemak tentang perkara ini.")
    )
    assert malay.read_more == "Baca lagi"
    assert malay.source.format(names="Bangkok Post", date="1 Julai 2025") == (
        "Sumber: Bangkok Post · dikemas kini 1 Julai 2025"
    )
    # "เปิดแหล่งที่มา" is followed by its number on the button: room for two digits.
    assert len(malay.open_source) + 3 <= 20


def test_the_thai_source_lines_read_as_before(db_session: Session) -> None:
    load_content(db_session, CONTENT_DIR)
    pieces = answers.read_more_messages(db_session, "unemployment-benefit")
    sources = [m for m in pieces if getattr(m, "alt_text", "").startswith("ที่มาของข้อมูล")]
    assert sources, "the sources card is last in a read-more answer"
    body = sources[0].to_dict()["contents"]["body"]["contents"]
    assert body[-1]["text"].startswith("ตรวจทานล่าสุด ")
