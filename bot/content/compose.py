"""Articles as LINE messages: a Flex bubble answer, the body in pieces, a carousel of choices."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from linebot.v3.messaging import (
    FlexBox,
    FlexBubble,
    FlexButton,
    FlexCarousel,
    FlexMessage,
    FlexSeparator,
    FlexText,
    Message,
    PostbackAction,
    QuickReply,
    QuickReplyItem,
    TextMessage,
    URIAction,
)

from bot.content.languages import framing
from bot.content.models import ContentArticle
from bot.content.thai import short_label, text_length
from bot.core import postback

MAX_TEXT = 5000  # LINE: characters in one text message
MAX_MESSAGES = 5  # LINE: messages in one reply
MAX_QUICK_REPLIES = 13  # LINE: items in one quick reply
MAX_ALT_TEXT = 400  # shown in notifications and chat lists: keep it short
CAROUSEL_SUMMARY = 120  # characters of the summary shown on a carousel card
# A passage shown in place of the summary is held to the summary's length (schema.MAX_SUMMARY).
MAX_LEAD = 400
# The framing words are in the article's own language (bot.content.languages).
READ_MORE_LABEL = framing("th").read_more
PICK_LABEL = framing("th").pick
VOLUNTEER_TAG = framing("th").volunteer_tag
OPEN_SOURCE_LABEL = framing("th").open_source
SOURCES_HEADING = framing("th").sources_heading
MAX_URI = 1000  # LINE: characters in a URI action's link
MUTED = "#777777"
ACCENT = "#1B6E4B"

_Model = TypeVar("_Model")


def _make(model: type[_Model], **fields: Any) -> _Model:
    # construct(), as bot/broadcasts/sender.py does: every field here is a literal of this
    # module or text from a checked article, so the SDK's validation of each part (a third of
    # an answer's CPU, for the card alone) checks nothing; the JSON sent is the same.
    return model.construct(**fields)  # type: ignore[attr-defined]


def read_more_data(article_id: str) -> str:
    return postback.encode("read_more", article=article_id)


def article_data(article_id: str) -> str:
    return postback.encode("article", article=article_id)


def _publisher(title: str) -> str:
    # Source titles are written "Publisher: headline"; the line under an answer names the
    # publisher only, the full list comes with "อ่านต่อ".
    return title.split(":", 1)[0].strip() if ":" in title else title


def source_line(article: ContentArticle) -> str:
    """'ที่มา: The Nation และอีก 2 แหล่ง · ปรับปรุง 21 พ.ย. 2569', in the article's language."""
    words = framing(article.lang)
    sources = article.sources
    names = _publisher(sources[0]["title"]) if sources else "-"
    if len(sources) > 1:
        names = words.more_sources.format(names=names, count=len(sources) - 1)
    return words.source.format(names=names, date=words.date(article.reviewed))


def truncate(text: str, limit: int) -> str:
    """`text` cut to `limit` characters as LINE counts them, with an ellipsis when cut."""
    return _truncate(text, limit)


def _truncate(text: str, limit: int) -> str:
    if text_length(text) <= limit:
        return text
    cut = text[: limit - 1]
    while text_length(cut) > limit - 1:
        cut = cut[:-1]
    return cut.rstrip() + "…"


def related_quick_reply(related: Sequence[ContentArticle]) -> QuickReply | None:
    """Buttons to related articles (LINE allows 13), or None when there are none."""
    items = [
        _make(
            QuickReplyItem,
            action=_make(
                PostbackAction,
                label=article.label or short_label(article.title),
                data=article_data(article.id),
                display_text=_truncate(article.title, 300),
            ),
        )
        for article in related[:MAX_QUICK_REPLIES]
    ]
    return _make(QuickReply, items=items) if items else None


def article_bubble(
    article: ContentArticle, *, compact: bool = False, lead: str | None = None
) -> FlexBubble:
    """The answer card: title, summary (or `lead`, the passage that answers the question),
    source line, and a button (read more, or pick)."""
    words = framing(article.lang)
    text = lead or article.summary
    summary = _truncate(text, CAROUSEL_SUMMARY) if compact else _truncate(text, MAX_LEAD)
    contents: list[Any] = []
    if article.audience == "volunteer":
        contents.append(
            _make(FlexText, text=words.volunteer_tag, size="xs", color=ACCENT, wrap=True)
        )
    contents += [
        _make(
            FlexText, text=article.title, weight="bold", size="md" if compact else "lg", wrap=True
        ),
        _make(FlexText, text=summary, size="sm", wrap=True, margin="md"),
        _make(FlexSeparator, margin="lg"),
        _make(FlexText, text=source_line(article), size="xxs", color=MUTED, wrap=True, margin="md"),
    ]
    if compact:
        action = _make(
            PostbackAction,
            label=words.pick,
            data=article_data(article.id),
            display_text=_truncate(article.title, 300),
        )
    else:
        action = _make(
            PostbackAction,
            label=words.read_more,
            data=read_more_data(article.id),
            display_text=words.read_more,
        )
    return _make(
        FlexBubble,
        size="kilo" if compact else "mega",
        body=_make(FlexBox, layout="vertical", contents=contents),
        footer=_make(
            FlexBox,
            layout="vertical",
            contents=[_make(FlexButton, style="primary", height="sm", color=ACCENT, action=action)],
        ),
    )


def article_message(
    article: ContentArticle, related: Sequence[ContentArticle] = (), *, lead: str | None = None
) -> FlexMessage:
    """One article as the chat answer, with related articles as quick replies; `lead` (a
    passage of the body that answers the question) is shown in place of the summary."""
    return _make(
        FlexMessage,
        alt_text=_truncate(f"{article.title}\n{lead or article.summary}", MAX_ALT_TEXT),
        contents=article_bubble(article, lead=lead),
        quick_reply=related_quick_reply(related),
    )


def carousel_message(articles: Sequence[ContentArticle], alt_text: str) -> FlexMessage:
    """Up to 12 articles side by side, each with a button that opens it."""
    return _make(
        FlexMessage,
        alt_text=_truncate(alt_text, MAX_ALT_TEXT),
        contents=_make(
            FlexCarousel, contents=[article_bubble(a, compact=True) for a in articles[:12]]
        ),
    )


def _source_date(source: dict[str, Any], lang: str = "th") -> str:
    # str(): offices.yaml is stored as parsed, so a year-only date there is a number.
    words = framing(lang)
    if source.get("published"):
        return words.published.format(date=words.partial_date(str(source["published"])))
    return words.accessed.format(date=words.partial_date(str(source["accessed"])))


def source_credit(source: dict[str, Any], lang: str = "th") -> str:
    """'ที่มา: Bangkok Post, เผยแพร่ 1 ก.ค. 2568': who published it and when, in the Buddhist
    era (in Malay, the Gregorian). The headline is left out: it is often long, and often in
    English."""
    name = _publisher(source["title"])
    return framing(lang).source.split("{names}")[0] + f"{name}, {_source_date(source, lang)}"


def sources_text(article: ContentArticle) -> str:
    """The source list as plain text, links in full: for a reply with no room for the card."""
    words = framing(article.lang)
    lines = [words.sources_heading]
    for number, source in enumerate(article.sources, start=1):
        lines.append(
            f"{number}. {_publisher(source['title'])}, {_source_date(source, article.lang)}"
        )
        if source.get("url"):
            lines.append(source["url"])
    lines.append(words.reviewed.format(date=words.date(article.reviewed)))
    return "\n".join(lines)


def sources_message(article: ContentArticle) -> FlexMessage:
    """The sources as a card: each publisher and date, with a button that opens its page (a
    long link as text is unreadable on a phone), and the date the article was last checked."""
    words = framing(article.lang)
    contents: list[Any] = [
        FlexText(text=words.sources_heading, weight="bold", size="md", wrap=True)
    ]
    for number, source in enumerate(article.sources, start=1):
        contents.append(
            FlexText(
                text=f"{number}. {_publisher(source['title'])}", size="sm", wrap=True, margin="md"
            )
        )
        contents.append(
            FlexText(text=_source_date(source, article.lang), size="xs", color=MUTED, wrap=True)
        )
        url = source.get("url")
        if url and len(url) <= MAX_URI:
            contents.append(
                FlexButton(
                    style="link",
                    height="sm",
                    color=ACCENT,
                    action=URIAction(label=f"{words.open_source} {number}", uri=url),
                )
            )
    contents += [
        FlexSeparator(margin="lg"),
        FlexText(
            text=words.reviewed.format(date=words.date(article.reviewed)),
            size="xxs",
            color=MUTED,
            wrap=True,
            margin="md",
        ),
    ]
    names = ", ".join(_publisher(source["title"]) for source in article.sources)
    return FlexMessage(
        alt_text=_truncate(f"{words.sources_heading}: {names}", MAX_ALT_TEXT),
        contents=FlexBubble(size="mega", body=FlexBox(layout="vertical", contents=contents)),
    )


def _pack(pieces: Sequence[str], limit: int) -> list[str]:
    """Join pieces with blank lines into as few texts of at most `limit` characters as fit."""
    out: list[str] = []
    current = ""
    for piece in pieces:
        candidate = f"{current}\n\n{piece}" if current else piece
        if text_length(candidate) <= limit:
            current = candidate
            continue
        if current:
            out.append(current)
        while text_length(piece) > limit:
            head = piece[:limit]
            while text_length(head) > limit:
                head = head[:-1]
            out.append(head)
            piece = piece[len(head) :]
        current = piece
    if current:
        out.append(current)
    return out


def body_texts(article: ContentArticle, *, with_sources: bool = False) -> list[str]:
    """The body as at most five texts of at most 5,000 characters; with the source list as
    text at the end when `with_sources`."""
    paragraphs = [p.strip() for p in article.body.split("\n\n") if p.strip()]
    pieces = [f"📖 {article.title}", *paragraphs]
    if with_sources:
        pieces.append(sources_text(article))
    texts = _pack(pieces, MAX_TEXT)
    if len(texts) > MAX_MESSAGES:
        # Only a body near the checked maximum gets here: fill each message to the brim.
        texts = _pack(["\n\n".join(pieces)], MAX_TEXT)
    return texts[:MAX_MESSAGES]


def read_more(article: ContentArticle, related: Sequence[ContentArticle] = ()) -> list[Message]:
    """The "อ่านต่อ" answer: the body in pieces, then the sources card, related articles on the
    last message. A body that needs all five messages carries the sources as text instead."""
    texts = body_texts(article)
    messages: list[Message] = [TextMessage(text=text) for text in texts]
    if len(texts) < MAX_MESSAGES:
        messages.append(sources_message(article))
    else:
        messages = [TextMessage(text=t) for t in body_texts(article, with_sources=True)]
    messages[-1].quick_reply = related_quick_reply(related)
    return messages
