"""An article changed while the bot runs reaches the very next answer, for a person the bot
knows (whose turn reads the content's change stamps with their own row) as for anyone.

Through the emulator, the real classifier and the loaded content."""

from __future__ import annotations

from typing import Any

from sqlalchemy import update

from bot.content.models import ContentArticle
from bot.core.db import get_session
from bot.core.orm import utcnow
from tests.conftest import BotWithEmulator
from tests.support.chat import say

QUESTION = "สายด่วนแรงงานต่างด้าวเบอร์อะไร"
ARTICLE = "migrant-hotline-1694"


def _title(bot: BotWithEmulator) -> str:
    with bot.app.app_context():
        article = get_session().get(ContentArticle, ARTICLE)
        assert article is not None
        return article.title


def _asked_twice(bot: BotWithEmulator, user_id: str) -> tuple[Any, str]:
    """A person who asked QUESTION twice, both answered from ARTICLE: the first made them
    known, the second asked as a known person (their turn reads the content's stamps)."""
    chat = bot.sim.user(user_id)
    title = _title(bot)
    for _ in range(2):
        assert title in str(say(chat, QUESTION, timeout=10.0))
    return chat, title


def test_an_article_retired_between_two_questions_is_not_the_second_answer(
    content_bot: BotWithEmulator,
) -> None:
    chat, title = _asked_twice(content_bot, "U" + "6" * 32)

    with content_bot.app.app_context():
        session = get_session()
        session.execute(
            update(ContentArticle).where(ContentArticle.id == ARTICLE).values(retired_at=utcnow())
        )
        session.commit()

    assert title not in str(say(chat, QUESTION, timeout=10.0))


def test_an_article_edited_between_two_questions_is_answered_as_edited(
    content_bot: BotWithEmulator,
) -> None:
    chat, title = _asked_twice(content_bot, "U" + "5" * 32)

    edited = f"{title} (ฉบับปรับปรุง)"
    with content_bot.app.app_context():
        session = get_session()
        session.execute(
            update(ContentArticle)
            .where(ContentArticle.id == ARTICLE)
            .values(title=edited, updated_at=utcnow())
        )
        session.commit()

    assert edited in str(say(chat, QUESTION, timeout=10.0))
