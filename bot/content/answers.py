"""What handlers call: an intent (plus province and text) in, LINE messages out.

Every function takes a Session and plain values, so it can be used from a handler, a job or a
test alike. Postbacks: "อ่านต่อ" sends `action=read_more&article=<id>` (→ read_more_messages),
a related-article button or a carousel card sends `action=article&article=<id>`
(→ article_messages).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from linebot.v3.messaging import Message, PostbackAction, QuickReply, QuickReplyItem, TextMessage
from sqlalchemy.orm import Session

from ..models.content import ContentArticle
from . import compose, search, store
from .thai import normalise_province

DID_YOU_MEAN = "หมายถึงเรื่องนี้ไหมคะ"
ARTICLE_GONE = "ขออภัยค่ะ เรื่องนี้ถูกนำออกหรือปรับปรุงแล้ว พิมพ์คำถามใหม่หรือเลือกจากเมนูได้เลยค่ะ"
HELP_INTENT = "help_menu"


def _province_score(article: ContentArticle, province: str | None) -> int:
    # With a known province: its own article first, then a general one, then other provinces'.
    # Without one: a general article first (it covers every province).
    if not article.provinces:
        return 1
    if province is not None and province in article.provinces:
        return 2
    return 0


def pick_article(
    articles: Sequence[ContentArticle],
    intent_id: str,
    province: str | None = None,
    query: str | None = None,
) -> ContentArticle | None:
    """The best article for an intent: the user's province, the words they used, the article's
    main intent, and the author's priority, in that order."""
    candidates = [a for a in articles if intent_id in a.intents]
    if not candidates:
        return None
    wanted = normalise_province(province)
    relevance = {hit.article.id: hit.score for hit in search.rank(candidates, query or "")}
    return max(
        candidates,
        key=lambda a: (
            _province_score(a, wanted),
            round(relevance.get(a.id, 0.0), 3),
            a.intents[0] == intent_id,
            a.priority,
            # Last resort: the first id alphabetically, so the answer never flickers.
            [-ord(ch) for ch in a.id],
        ),
    )


def _answer(session: Session, article: ContentArticle) -> list[Message]:
    return [compose.article_message(article, store.related_articles(session, article))]


def answer_for_intent(
    session: Session, intent_id: str, province: str | None, query: str | None = None
) -> list[Message] | None:
    """The answer card for an intent, or None when no article covers it.

    `province` is the user's province (any spelling or geothai code); `query` is what they
    typed, used to choose among several articles of the same intent."""
    article = pick_article(store.active_articles(session), intent_id, province, query)
    return None if article is None else _answer(session, article)


def article_messages(session: Session, article_id: str) -> list[Message]:
    """One article's answer card, for a related-article or carousel postback."""
    article = store.get_article(session, article_id)
    return [TextMessage(text=ARTICLE_GONE)] if article is None else _answer(session, article)


def read_more_messages(session: Session, article_id: str) -> list[Message]:
    """The article body in at most five texts of at most 5,000 characters, sources last."""
    article = store.get_article(session, article_id)
    if article is None:
        return [TextMessage(text=ARTICLE_GONE)]
    return compose.read_more(article, store.related_articles(session, article))


def search_messages(session: Session, query: str, limit: int = 3) -> list[Message] | None:
    """When the classifier is unsure: the best matching articles as a carousel, or None."""
    # The help article talks about every topic at once; as a search result it only distracts.
    articles = [a for a in store.active_articles(session) if a.intents != [HELP_INTENT]]
    hits = search.rank(articles, query)[: max(1, min(limit, 12))]
    if not hits:
        return None
    found = [hit.article for hit in hits]
    alt = DID_YOU_MEAN + " " + " / ".join(a.title for a in found)
    return [TextMessage(text=DID_YOU_MEAN), compose.carousel_message(found, alt)]


def help_menu_messages(session: Session, menu: QuickReply | None = None) -> list[Message]:
    """What the bot can do; `menu` (the main menu quick reply) replaces the related buttons."""
    article = pick_article(store.active_articles(session), HELP_INTENT)
    if article is None:
        return [TextMessage(text="อาสาบอทช่วยอะไรได้บ้าง เลือกหัวข้อด้านล่างได้เลยค่ะ", quick_reply=menu)]
    message = compose.article_message(article, store.related_articles(session, article))
    if menu is not None:
        message.quick_reply = menu
    return [message]


def _hotline_lines(data: dict[str, Any]) -> list[str]:
    lines = []
    for hotline in data.get("hotlines") or []:
        line = f"☎️ {hotline['number']} {hotline['name']}"
        options = [f"กด {o['key']} {o['name']}" for o in hotline.get("options") or []]
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
    session: Session, province: str | None = None, *, recorded: bool = True
) -> list[Message]:
    """How to reach an officer: the request is with staff (when recorded), and the hotlines."""
    data = store.offices(session)
    lines = []
    if recorded:
        # Staff see the request in the message log, but nobody answers in this chat or calls
        # back: say so, and point to the complaint flow, which staff do follow up.
        lines.append(
            "อาสาบอทบันทึกคำขอไว้แล้วค่ะ แต่เจ้าหน้าที่ยังไม่ได้ตอบในแชตนี้ "
            "ถ้าต้องการให้เจ้าหน้าที่ติดตามเรื่อง กด «แจ้งเรื่องร้องเรียน» ได้เลยค่ะ"
        )
    # Opening hours of the hotlines could not be confirmed, so none are promised here.
    lines.append("ถ้าต้องการคุยกับเจ้าหน้าที่ทางโทรศัพท์ ติดต่อสายด่วนเหล่านี้ได้ค่ะ")
    lines += _hotline_lines(data)
    office = _office_line(data, province)
    if office:
        lines.append(f"สำนักงานในจังหวัดของท่าน: {office}")
    file_complaint = QuickReplyItem(
        action=PostbackAction(
            label="แจ้งเรื่องร้องเรียน",
            data="action=intent&intent=complaint_file",
            display_text="แจ้งเรื่องร้องเรียน",
        )
    )
    return [TextMessage(text="\n".join(lines), quick_reply=QuickReply(items=[file_complaint]))]
