"""Chat handlers for a reporter's own cases: status and history, and rating a finished case."""

from __future__ import annotations

import logging
import re

from linebot.v3.messaging import TextMessage
from linebot.v3.messaging.models import Message

from bot.chat.dispatch import Dispatcher, Turn
from bot.complaints.errors import ComplaintError
from bot.complaints.lookup import find_by_reference, recent_for_user
from bot.complaints.messages import cases_carousel, history_messages, no_cases_messages
from bot.complaints.rating import awaiting_rating, rate
from bot.complaints.references import find_reference
from bot.core.i18n import N_

log = logging.getLogger(__name__)

NOT_FOUND = N_("ไม่พบเรื่องเลขที่ {ref} ในเรื่องที่คุณแจ้งไว้ค่ะ ตรวจเลขที่อีกครั้งนะคะ")
ONE_TO_ONE_ONLY = N_("ติดตามเรื่องได้ในแชทส่วนตัวกับอาสาบอทค่ะ")
CASE_NOT_FOUND = N_("ขออภัยค่ะ ไม่พบเรื่องนี้ค่ะ")
NOT_RATEABLE = N_("ขออภัยค่ะ ให้คะแนนเรื่องนี้ได้เมื่อเรื่องเสร็จแล้วเท่านั้นค่ะ")
THANKS_FOR_RATING = N_("ขอบคุณที่ให้ {stars} ดาวค่ะ")
THANKS_FOR_TYPED_RATING = N_("ขอบคุณที่ให้ {stars} ดาวกับเรื่อง {reference} ค่ะ")


def _case_answer(turn: Turn, reference: str) -> list[Message]:
    complaint = find_by_reference(turn.session, reference)
    # Someone else's case looks exactly like a missing one: no hint that it exists.
    if complaint is None or complaint.user_id != turn.user_id:
        return [TextMessage(text=turn.t(NOT_FOUND, ref=reference))]
    return history_messages(complaint, turn.t)


def handle_complaint_status(turn: Turn) -> list[Message]:
    """With a reference number: that case's history; without: the reporter's recent cases."""
    if not turn.is_one_to_one:
        return [TextMessage(text=turn.t(ONE_TO_ONE_ONLY))]
    turn.log_text = False
    reference = find_reference(turn.text or "") or turn.postback.get("ref")
    if reference:
        return _case_answer(turn, reference)
    cases = recent_for_user(turn.session, turn.user_id or "")
    if not cases:
        return no_cases_messages(turn.t)
    return cases_carousel(cases, turn.t)


def handle_rate(turn: Turn) -> list[Message]:
    tapped = turn.postback
    complaint = find_by_reference(turn.session, tapped.get("ref", ""))
    if complaint is None or complaint.user_id != turn.user_id:
        return [TextMessage(text=turn.t(CASE_NOT_FOUND))]
    try:
        rate(turn.session, complaint, turn.user_id or "", int(tapped.get("stars", "0")))
    except (ComplaintError, ValueError):
        return [TextMessage(text=turn.t(NOT_RATEABLE))]
    log.info("complaint.rated", extra={"complaint_id": complaint.id})
    return [TextMessage(text=turn.t(THANKS_FOR_RATING, stars=complaint.rating))]


# "ให้ 5 ดาวค่ะ", "๔ ดาว", "⭐⭐⭐", "5 bintang": a rating typed instead of tapped. Only at the
# start of the message: "โรงแรม 5 ดาวรับสมัครงาน" is a question, not a rating.
_STARS_TYPED = re.compile(
    r"^\s*(?:(?:ขอ)?(?:ให้)?|(?:saya\s+)?(?:beri|bagi)\s+)\s*([1-5๑-๕])\s*(?:ดาว|bintang\b)",
    re.IGNORECASE,
)
_STARS_DRAWN = re.compile(r"^\s*(⭐{1,5})\s*$")
_THAI_DIGITS = str.maketrans("๑๒๓๔๕", "12345")


def stars_in(text: str) -> int | None:
    """The 1–5 stars a message gives, if it plainly gives some."""
    drawn = _STARS_DRAWN.match(text)
    if drawn:
        return len(drawn.group(1))
    typed = _STARS_TYPED.match(text)
    return int(typed.group(1).translate(_THAI_DIGITS)) if typed else None


def handle_typed_rating(turn: Turn) -> list[Message] | None:
    """Rate the reporter's latest finished, unrated case from a typed "5 ดาว"; None otherwise."""
    if not turn.is_one_to_one or not turn.user_id:
        return None
    stars = stars_in(turn.text or "")
    if stars is None:
        return None
    complaint = awaiting_rating(turn.session, turn.user_id)
    if complaint is None:
        return None
    rate(turn.session, complaint, turn.user_id, stars)
    log.info("complaint.rated", extra={"complaint_id": complaint.id, "typed": True})
    thanks = turn.t(THANKS_FOR_TYPED_RATING, stars=stars, reference=complaint.reference)
    return [TextMessage(text=thanks)]


def register(dispatcher: Dispatcher) -> None:
    dispatcher.on_intent("complaint_status")(handle_complaint_status)
    dispatcher.on_postback("complaint_status")(handle_complaint_status)
    dispatcher.on_postback("complaint_rate")(handle_rate)
