"""`content load` on SQLite and PostgreSQL: idempotent, updates, retires, and the CLI."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.content import search
from bot.content.cli import content
from bot.content.loader import ContentError, load_content
from bot.content.models import ContentArticle
from tests.content.support import (
    CONTENT_DIR,
    MINI_TAXONOMY,
    article_meta,
    mini_content,
    real_articles,
    write_article,
)

ARTICLES = real_articles()


def _rows(session: Session) -> dict[str, ContentArticle]:
    return {row.id: row for row in session.scalars(select(ContentArticle))}


def test_loading_twice_changes_nothing_the_second_time(db_session: Session) -> None:
    first = load_content(db_session, CONTENT_DIR)
    stamps = {i: (r.updated_at, r.content_hash) for i, r in _rows(db_session).items()}

    second = load_content(db_session, CONTENT_DIR)

    assert len(first.added) >= 35 and first.documents_changed == ["offices", "minimum_wage"]
    assert not second.changed
    assert sorted(second.unchanged) == sorted(first.added)
    db_session.expire_all()
    assert {i: (r.updated_at, r.content_hash) for i, r in _rows(db_session).items()} == stamps


def test_a_changed_article_is_updated_a_removed_one_retired_and_a_returning_one_revived(
    db_session: Session, tmp_path: Path
) -> None:
    folder = mini_content(tmp_path)
    load_content(db_session, folder, MINI_TAXONOMY)

    write_article(folder, article_meta("wage", summary="สรุปใหม่ค่ะ", related=["ombudsman"]))
    write_article(folder, article_meta("extra", intents=["minimum_wage"]))
    changed = load_content(db_session, folder, MINI_TAXONOMY)
    (folder / "extra.md").unlink()
    retired = load_content(db_session, folder, MINI_TAXONOMY)
    write_article(folder, article_meta("extra", intents=["minimum_wage"]))
    revived = load_content(db_session, folder, MINI_TAXONOMY)

    assert (changed.added, changed.updated, changed.unchanged) == (
        ["extra"],
        ["wage"],
        ["ombudsman"],
    )
    assert retired.retired == ["extra"] and not retired.added
    assert revived.updated == ["extra"]
    rows = _rows(db_session)
    assert rows["wage"].summary == "สรุปใหม่ค่ะ"
    assert rows["extra"].retired_at is None


def test_invalid_content_loads_nothing(db_session: Session, tmp_path: Path) -> None:
    folder = mini_content(tmp_path)
    write_article(folder, article_meta("wage", related=["missing"]))

    with pytest.raises(ContentError) as error:
        load_content(db_session, folder, MINI_TAXONOMY)

    assert [(p.file, p.field) for p in error.value.problems] == [("wage.md", "related")]
    assert _rows(db_session) == {}


def test_the_load_command_prints_what_changed_and_nothing_the_second_time(app: Flask) -> None:
    runner = app.test_cli_runner()

    first = runner.invoke(content, ["load"])
    second = runner.invoke(content, ["load"])

    assert first.exit_code == 0, first.output
    assert "added minimum-wage-pattani" in first.output
    assert second.exit_code == 0, second.output
    assert second.output.splitlines() == [
        f"0 added, 0 updated, 0 retired, {len(ARTICLES)} unchanged"
    ]


def test_the_check_command_passes_on_the_repository_and_fails_naming_the_field(
    app: Flask, tmp_path: Path
) -> None:
    broken = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, broken)
    page = broken / "th" / "severance-pay.md"
    page.write_text(page.read_text(encoding="utf-8").replace("lang: th", "lang: xx"), "utf-8")
    runner = app.test_cli_runner()

    good = runner.invoke(content, ["check"])
    bad = runner.invoke(content, ["check", "--dir", str(broken)])

    assert good.exit_code == 0, good.output
    assert bad.exit_code != 0
    assert "th/severance-pay.md: lang:" in bad.output


def test_rows_indexed_the_old_way_are_reindexed_by_the_next_load(db_session: Session) -> None:
    load_content(db_session, CONTENT_DIR)
    row = _rows(db_session)["ss-section-40"]
    # A row as an earlier version stored it: one line of tokens, and another hash.
    row.search_tokens = "มาตรา 40 แรงงาน นอกระบบ"
    row.content_hash = "0" * 64
    db_session.commit()
    before = search.rank([row], "มาตรา 40")

    report = load_content(db_session, CONTENT_DIR)

    assert before and before[0].article.id == "ss-section-40"  # still found meanwhile
    assert report.updated == ["ss-section-40"]
    assert len(_rows(db_session)["ss-section-40"].search_tokens.split("\n")) == len(
        search.FIELD_WEIGHTS
    )
