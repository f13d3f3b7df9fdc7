"""Content editing: publish writes the file the loader reads and updates the database."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from bot.content.loader import load_content
from bot.content.schema import parse_article
from bot.content.store import get_article
from bot.core.db import get_session
from tests.admin.conftest import add_staff, console_config, login, post
from tests.conftest import make_bot_app

ARTICLE = "contact-ombudsman"


@pytest.fixture
def content_app(db_url, tmp_path):
    content_dir = tmp_path / "content"
    shutil.copytree(Path(__file__).resolve().parents[2] / "content", content_dir)
    app = make_bot_app(db_url, CONTENT_DIR=str(content_dir), **console_config(tmp_path))
    with app.app_context():
        load_content(get_session(), content_dir)
    add_staff(app, "admin", "admin")
    client = app.test_client()
    login(client, "admin")
    return app, client, content_dir


def test_publishing_an_edit_updates_the_file_and_the_database(content_app) -> None:
    app, client, content_dir = content_app
    page = client.get(f"/admin/content/{ARTICLE}")
    assert page.status_code == 200 and "ตัวอย่างใน LINE" in page.get_data(as_text=True)
    with app.app_context():
        before = get_article(get_session(), ARTICLE)
        assert before is not None
        sources = before.sources

    response = post(
        client,
        f"/admin/content/{ARTICLE}",
        {
            "summary": "ติดต่อสำนักงานผู้ตรวจการแผ่นดินได้ที่สายด่วน 1676 ค่ะ",
            "body": before.body,
            "sources": yaml.safe_dump(sources, allow_unicode=True),
            "action": "publish",
        },
    )

    assert response.status_code == 302
    path = content_dir / "th" / f"{ARTICLE}.md"
    article, problems = parse_article(path, content_dir)
    assert problems == [] and article is not None
    assert article.summary == "ติดต่อสำนักงานผู้ตรวจการแผ่นดินได้ที่สายด่วน 1676 ค่ะ"
    with app.app_context():
        stored = get_article(get_session(), ARTICLE)
        assert stored is not None and stored.summary == article.summary


def test_an_article_without_sources_is_not_published(content_app) -> None:
    app, client, content_dir = content_app
    path = content_dir / "th" / f"{ARTICLE}.md"
    original = path.read_text(encoding="utf-8")
    response = post(
        client,
        f"/admin/content/{ARTICLE}",
        {"summary": "สรุปใหม่ค่ะ", "body": "เนื้อหา", "sources": "", "action": "publish"},
    )
    assert response.status_code == 400
    assert "แหล่งที่มา" in response.get_data(as_text=True)
    assert path.read_text(encoding="utf-8") == original
