"""How to reach a person: the hotlines and the provincial office, from offices.yaml."""

from __future__ import annotations

from typing import Any

from linebot.v3.messaging import (
    Message,
    PostbackAction,
    QuickReply,
    QuickReplyItem,
    TextMessage,
)
from sqlalchemy.orm import Session

from bot.content import store
from bot.content.thai import normalise_province
from bot.core import postback
from bot.core.i18n import IN_THAI, L_, N_, Translator

# Marked for the catalogue; hotline numbers and office names come from offices.yaml as they are.
PRESS_KEY = N_("กด {key} {name}")
REQUEST_SENT = N_(
    "อาสาบอทส่งคำขอถึงเจ้าหน้าที่แล้วค่ะ แต่เจ้าหน้าที่ไม่ได้ตอบในแชตนี้ "
    "ถ้าลงทะเบียนเบอร์โทรไว้ เจ้าหน้าที่อาจโทรกลับค่ะ "
    "ถ้าต้องการให้ติดตามเรื่องแน่นอน กด «แจ้งเรื่องร้องเรียน» ได้เลยค่ะ"
)
CALL_THESE = N_("ถ้าต้องการคุยกับเจ้าหน้าที่ทางโทรศัพท์ ติดต่อสายด่วนเหล่านี้ได้ค่ะ")
YOUR_OFFICE = N_("สำนักงานในจังหวัดของท่าน: {office}")
FILE_COMPLAINT = L_("แจ้งเรื่องร้องเรียน")


def _hotline_lines(data: dict[str, Any], t: Translator = IN_THAI) -> list[str]:
    lines = []
    for hotline in data.get("hotlines") or []:
        line = f"☎️ {hotline['number']} {hotline['name']}"
        options = [t(PRESS_KEY, key=o["key"], name=o["name"]) for o in hotline.get("options") or []]
        if options:
            line += " (" + ", ".join(options) + ")"
        lines.append(line)
    return lines


def _office_line(data: dict[str, Any], province: str | None) -> str | None:
    wanted = normalise_province(province)
    for office in data.get("offices") or []:
        if wanted and office.get("province") == wanted:
            website = office.get("website")
            return f"{office['name']}" + (f": {website}" if website else "")
    return None


def human_agent_messages(
    session: Session,
    province: str | None = None,
    *,
    recorded: bool = True,
    t: Translator = IN_THAI,
) -> list[Message]:
    """How to reach an officer: the request is with staff (when recorded), and the hotlines."""
    data = store.snapshot(session).document(store.OFFICES_DOCUMENT)
    lines = []
    if recorded:
        # Staff see the request in the console's list, with the phone number of a registered
        # volunteer who gave one; nobody answers in this chat, and a call-back is not certain.
        # Say so, and point to the complaint flow, which staff always follow up.
        lines.append(t(REQUEST_SENT))
    # Opening hours of the hotlines could not be confirmed, so none are promised here.
    lines.append(t(CALL_THESE))
    lines += _hotline_lines(data, t)
    office = _office_line(data, province)
    if office:
        lines.append(t(YOUR_OFFICE, office=office))
    label = t(FILE_COMPLAINT)
    file_complaint = QuickReplyItem(
        action=PostbackAction(
            label=label,
            data=postback.encode("intent", intent="complaint_file"),
            display_text=label,
        )
    )
    return [TextMessage(text="\n".join(lines), quick_reply=QuickReply(items=[file_complaint]))]
