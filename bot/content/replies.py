"""The replies around an answer: the honest "no information" answer and the complaint offer,
in the answer's language."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

from linebot.v3.messaging import Message, PostbackAction, QuickReply, QuickReplyItem, TextMessage
from sqlalchemy.orm import Session

from bot.content import compose, store
from bot.content.languages import ANSWER_LANGS, THAI, framing
from bot.content.models import ContentArticle
from bot.content.words import tells_of_a_wrong

# Where a question telling of a wrong (unpaid, not paid in, kept, forced) gets the complaint
# flow offered: the topics staff follow up as complaints.
GRIEVANCE_INTENTS = frozenset(
    {"labour_protection", "minimum_wage", "social_security", "workplace_safety", "migrant_workers"}
)
# A hotline and its menu option as articles write them: "1506 กด 3", "1506 tekan 3".
HOTLINE_MENTION = re.compile(r"(?<!\d)(\d{4})(?:\s*(?:กด|tekan)\s*(\d))?(?!\d)")


def complaint_offer(messages: list[Message], lang: str = THAI) -> list[Message]:
    """The answer, then the offer to file a complaint (its button first among the last
    message's quick replies, which LINE shows under the last message only)."""
    words = framing(lang)
    last = messages[-1]
    items = list(last.quick_reply.items) if last.quick_reply else []
    last.quick_reply = None
    button = QuickReplyItem(
        action=PostbackAction(
            label=words.complaint_label,
            data="action=intent&intent=complaint_file",
            display_text=words.complaint_label,
        )
    )
    items = [button, *items][: compose.MAX_QUICK_REPLIES]
    offer = TextMessage(text=words.complaint_offer, quick_reply=QuickReply(items=items))
    return [*messages, offer]


def _intent_hotline(
    data: dict[str, Any], articles: Sequence[ContentArticle], intent_id: str
) -> tuple[dict[str, Any], dict[str, Any] | None] | None:
    """The hotline (and its option) the intent's articles point to most, from offices.yaml."""
    hotlines = {str(h.get("number")): h for h in data.get("hotlines") or []}
    votes: Counter[tuple[str, str | None]] = Counter()
    for article in articles:
        if intent_id in article.intents:
            mentions = {(n, k or None) for n, k in HOTLINE_MENTION.findall(article.summary)}
            votes.update(m for m in mentions if m[0] in hotlines)
    if not votes:
        # No article names one: the ministry's general line, the first in offices.yaml.
        first = next(iter(hotlines.values()), None)
        return None if first is None else (first, None)
    order = list(hotlines)
    (number, key), _count = max(votes.items(), key=lambda kv: (kv[1], -order.index(kv[0][0])))
    hotline = hotlines[number]
    option = next((o for o in hotline.get("options") or [] if str(o.get("key")) == key), None)
    return hotline, option


def no_information_messages(
    session: Session,
    intent_id: str,
    articles: Sequence[ContentArticle],
    offered: Sequence[ContentArticle] = (),
    query: str | None = None,
    lang: str = THAI,
) -> list[Message]:
    """The honest answer to a question no article covers: no verified information yet, whom to
    call (a hotline of offices.yaml, with its source), and `offered` articles as buttons; the
    complaint flow too when the question tells of a wrong done to the person."""
    words = framing(lang)
    lines = [words.no_information]
    found = _intent_hotline(
        store.snapshot(session).document(store.OFFICES_DOCUMENT), articles, intent_id
    )
    if found is not None:
        hotline, option = found
        line = words.ask_hotline.format(number=hotline["number"], name=hotline["name"])
        if option is not None:
            line += words.hotline_option.format(key=option["key"], name=option["name"])
        sources = (option or {}).get("sources") or hotline.get("sources") or []
        if lang == THAI:
            lines.append(line + (" ค่ะ" if line.endswith(")") else "ค่ะ"))
        else:
            lines.append(line + ".")
        if sources:
            lines.append(compose.source_credit(sources[0], lang))
    if offered:
        lines.append(words.nearby_topics)
    quick_reply = compose.related_quick_reply(offered)
    messages: list[Message] = [TextMessage(text="\n".join(lines), quick_reply=quick_reply)]
    if query and tells_of_a_wrong(query) and intent_id in GRIEVANCE_INTENTS:
        return complaint_offer(messages, lang)
    return messages


def is_no_information(messages: Sequence[Message]) -> bool:
    """Whether a reply is the honest "no information" answer, in any language."""
    first = messages[0] if messages else None
    if not isinstance(first, TextMessage):
        return False
    return any(first.text.startswith(framing(lang).no_information) for lang in ANSWER_LANGS)
