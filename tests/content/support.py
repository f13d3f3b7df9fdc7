"""Small, valid content folders for tests, and helpers to break them one field at a time."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from bot.content.schema import Article, parse_article
from intents.taxonomy import load_taxonomy

CONTENT_DIR = Path(__file__).resolve().parents[2] / "content"
# A taxonomy of three intents keeps the synthetic folders small: one is not informational.
MINI_TAXONOMY = ["greeting", "minimum_wage", "ombudsman_info"]

SOURCE = {"title": "Publisher: headline", "url": "https://example.org/a", "published": "2025-01-01"}


def article_meta(article_id: str, **overrides: Any) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "id": article_id,
        "intents": ["minimum_wage"],
        "lang": "th",
        "title": f"เรื่อง {article_id}",
        "summary": "สรุปสั้น ๆ ค่ะ",
        "sources": [dict(SOURCE)],
        "reviewed": "2025-02-01",
        "audience": "public",
        "related": [],
    }
    meta.update(overrides)
    return meta


def write_article(folder: Path, meta: dict[str, Any], body: str = "รายละเอียดค่ะ") -> Path:
    path = folder / f"{meta.get('id', 'no-id')}.md"
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    # Dates written as YAML dates, the way authors write them.
    front = front.replace("'2025-02-01'", "2025-02-01")
    path.write_text(f"---\n{front}---\n{body}\n", encoding="utf-8")
    return path


def offices_data() -> dict[str, Any]:
    hotline = {"name": "สายด่วน", "sources": [dict(SOURCE)]}
    return {
        "hotlines": [{"number": n, **hotline} for n in ("1506", "1546", "1694", "1676")],
        "offices": [{"id": "o1", "name": "สำนักงาน", "province": "ยะลา", "sources": [dict(SOURCE)]}],
        "ombudsman": {"name": "สำนักงานผู้ตรวจการแผ่นดิน", "sources": [dict(SOURCE)]},
    }


# The test publisher's site counts as official, so the small folders pass the source rule.
OFFICIAL = {"domains": ["example.org"], "publishers": ["กระทรวงแรงงาน"]}


def write_offices(folder: Path, data: dict[str, Any] | None = None) -> None:
    """offices.yaml and official_domains.yaml, both valid unless `data` says otherwise."""
    text = yaml.safe_dump(data if data is not None else offices_data(), allow_unicode=True)
    (folder / "offices.yaml").write_text(text, encoding="utf-8")
    official = yaml.safe_dump(OFFICIAL, allow_unicode=True)
    (folder / "official_domains.yaml").write_text(official, encoding="utf-8")


def mini_content(folder: Path) -> Path:
    """Two related articles covering the mini taxonomy, and a valid offices file."""
    write_article(folder, article_meta("wage", related=["ombudsman"]))
    write_article(folder, article_meta("ombudsman", intents=["ombudsman_info"], related=["wage"]))
    write_offices(folder)
    return folder


def real_articles() -> list[Article]:
    """Every article of the repository's content folder, parsed."""
    articles = []
    for path in sorted(CONTENT_DIR.glob("**/*.md")):
        article, problems = parse_article(path, CONTENT_DIR)
        assert not problems, problems
        assert article is not None
        articles.append(article)
    return articles


def real_taxonomy() -> list[str]:
    return list(load_taxonomy().ids)


def shown_articles(messages: list[Any]) -> list[str]:
    """The articles whose card (with its "read more" button) an answer shows."""
    found = []
    for message in messages:
        text = str(message.to_dict())
        if "action=read_more&article=" in text:
            found.append(text.split("action=read_more&article=", 1)[1].split("'", 1)[0])
    return found
