"""Content: browse the articles, edit a summary, body and sources with a preview, publish.

Publishing writes the article's file in the format bot.content's loader reads, checks it with
the content package's own parser, then runs its loader so the database matches the files.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path
from typing import Any

import yaml
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for

from bot.admin.audit import record
from bot.admin.console import client_ip, current_staff, require_area
from bot.content.loader import ContentError, load_content
from bot.content.schema import FRONT_MATTER, parse_article
from bot.content.store import active_articles, get_article
from bot.core.db import get_session

bp = Blueprint("content", __name__, url_prefix="/content", template_folder="templates")


@bp.before_request
def _only_allowed_roles() -> None:
    require_area("content")


@bp.get("/")
def index() -> str:
    return render_template("admin/content/list.html", articles=active_articles(get_session()))


@bp.route("/<article_id>", methods=["GET", "POST"])
def edit(article_id: str) -> Any:
    """The editor; POST with action=publish writes the file and reloads the content."""
    article = get_article(get_session(), article_id)
    if article is None:
        abort(404)
    content_dir = Path(current_app.config["CONTENT_DIR"])
    path = (content_dir / article.source_path).resolve()
    if not path.is_relative_to(content_dir.resolve()) or not path.is_file():
        abort(404)
    form = {
        "summary": article.summary,
        "body": article.body,
        "sources": yaml.safe_dump(article.sources, allow_unicode=True, sort_keys=False),
    }
    problems: list[str] = []
    if request.method == "POST":
        form = {name: request.form.get(name, "").replace("\r\n", "\n") for name in form}
        new_text, problems = _rewrite(path, content_dir, form)
        if not problems and request.form.get("action") == "publish":
            problems = _publish(path, content_dir, new_text)
            if not problems:
                db = get_session()
                record(
                    db,
                    current_staff(),
                    "content.published",
                    target_type="article",
                    target_id=article_id,
                    ip=client_ip(),
                )
                db.commit()
                flash("เผยแพร่บทความแล้ว บอทใช้ข้อความใหม่ทันทีค่ะ", "ok")
                return redirect(url_for(".edit", article_id=article_id))
    return render_template(
        "admin/content/edit.html", article=article, form=form, problems=problems
    ), (400 if problems else 200)


def _rewrite(path: Path, content_dir: Path, form: dict[str, str]) -> tuple[str, list[str]]:
    """The file's new text with the edits, and the content parser's problems with it."""
    match = FRONT_MATTER.match(path.read_text(encoding="utf-8"))
    if match is None:
        return "", ["ไฟล์เดิมไม่มีส่วนหัว YAML"]
    meta = yaml.safe_load(match.group(1))
    try:
        sources = yaml.safe_load(form["sources"])
    except yaml.YAMLError as error:
        return "", [f"แหล่งที่มาไม่ใช่ YAML ที่ถูกต้อง: {error}"]
    if not sources:
        return "", ["ต้องมีแหล่งที่มาอย่างน้อย 1 แหล่งค่ะ"]
    meta["summary"] = form["summary"].strip()
    meta["sources"] = sources
    meta["reviewed"] = dt.date.today()  # publishing from the console is a review
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=100)
    text = f"---\n{front}---\n{form['body'].strip()}\n"
    # Check with the content package's parser on a copy at the same relative path.
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / path.relative_to(content_dir.resolve())
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_text(text, encoding="utf-8")
        _, found = parse_article(copy, Path(folder))
    return text, [str(problem) for problem in found]


def _publish(path: Path, content_dir: Path, text: str) -> list[str]:
    """Replace the file atomically and load; put the old text back if the load refuses."""
    old = path.read_text(encoding="utf-8")
    _write_atomically(path, text)
    try:
        load_content(get_session(), content_dir)
    except ContentError as error:
        get_session().rollback()
        _write_atomically(path, old)
        return [str(problem) for problem in error.problems]
    return []


def _write_atomically(path: Path, text: str) -> None:
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(temp, path)
