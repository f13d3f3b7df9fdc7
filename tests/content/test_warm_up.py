"""The first answer after a worker starts costs what the hundredth does: gunicorn's master
(bot/wsgi.py, with --preload) reads the content and builds every search index before it forks."""

from __future__ import annotations

import importlib
import sys
from typing import Any

import pytest

from bot import close_app
from bot.content import answers, passages, search, store
from bot.content.loader import load_content
from bot.core.db import get_session
from bot.wsgi_warm_up import warm_up_before_fork
from tests.conftest import make_bot_app
from tests.content.support import CONTENT_DIR
from tests.support.channel import ACCESS_TOKEN, CHANNEL_SECRET

# What people ask first thing in the morning, each with the intent the classifier gives it.
FIRST_QUESTIONS = [
    ("minimum_wage", "ค่าแรงขั้นต่ำปัตตานีวันละเท่าไหร่คะ"),
    ("labour_protection", "นายจ้างไม่จ่ายเงินเดือนสองเดือนแล้วทำยังไงดี"),
    ("social_security", "ประกันสังคมมาตรา 40 จ่ายเดือนละเท่าไร"),
    ("work_abroad", "อยากไปทำงานมาเลเซียต้องทำยังไง"),
    ("workplace_safety", "ทำงานแล้วบาดเจ็บ เบิกค่ารักษาได้ไหม"),
    ("job_search", "หางานที่ยะลาได้ที่ไหนบ้าง"),
]


def _builds() -> tuple[int, int]:
    return search.field_indexes.cache_info().misses, passages._build.cache_info().misses


def _forget_everything() -> None:
    search.field_indexes.cache_clear()
    passages._build.cache_clear()
    store._snapshots.clear()


def test_after_the_warm_up_first_answers_build_no_index_and_read_no_rows(db_url: str) -> None:
    app = make_bot_app(db_url)
    with app.app_context():
        load_content(get_session(), CONTENT_DIR)
    _forget_everything()

    warm_up_before_fork(app)

    built = _builds()
    warmed = dict(store._snapshots)
    assert built[0] > 0 and built[1] > 0 and len(warmed) == 1
    with app.app_context():
        session = get_session()
        for intent, question in FIRST_QUESTIONS:
            assert answers.answer_for_intent(session, intent, None, question)
        assert answers.search_messages(session, "สวัสดีครับ ขอถามเรื่องประกันสังคม")
        assert store.snapshot(session) is next(iter(warmed.values()))
    assert _builds() == built


def test_a_database_without_tables_does_not_stop_the_warm_up(
    tmp_path: Any, caplog: pytest.LogCaptureFixture
) -> None:
    app = make_bot_app(f"sqlite:///{tmp_path / 'not-migrated.db'}")

    warm_up_before_fork(app)

    assert "wsgi.content_warm_up_failed" in [r.message for r in caplog.records]
    assert app.extensions["asabot.engine"].pool.checkedout() == 0


def test_the_wsgi_module_warms_up_before_gunicorn_forks(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_bot_app(db_url)
    with app.app_context():
        load_content(get_session(), CONTENT_DIR)
    _forget_everything()
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setenv("LINE_CHANNEL_SECRET", CHANNEL_SECRET)
    monkeypatch.setenv("LINE_CHANNEL_ACCESS_TOKEN", ACCESS_TOKEN)
    monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.delitem(sys.modules, "bot.wsgi", raising=False)

    wsgi = importlib.import_module("bot.wsgi")

    try:
        assert len(store._snapshots) == 1
        assert search.field_indexes.cache_info().currsize > 0
        # One passage index per language's article set (Thai and Malay).
        assert passages._build.cache_info().currsize == 2
    finally:
        close_app(wsgi.app)
        sys.modules.pop("bot.wsgi", None)
