"""`content check`: the real content is valid, and each kind of broken file is caught by name."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from bot.content.check import check_content, informational_intents
from bot.content.schema import MAX_SUMMARY, parse_article
from tests.content.support import (
    CONTENT_DIR,
    MINI_TAXONOMY,
    article_meta,
    mini_content,
    offices_data,
    real_articles,
    real_taxonomy,
    write_article,
    write_offices,
)


def test_the_repository_content_passes_every_check() -> None:
    assert check_content(CONTENT_DIR, real_taxonomy()) == []


def test_the_repository_has_at_least_35_thai_articles_covering_every_informational_intent() -> None:
    articles = [a for a in real_articles() if a.lang == "th"]
    covered = {intent for article in articles for intent in article.intents}

    assert len(articles) >= 35
    assert informational_intents(real_taxonomy()) <= covered


def test_every_summary_fits_a_phone_and_every_fact_has_a_dated_source() -> None:
    for article in real_articles():
        assert len(article.summary) <= MAX_SUMMARY, article.id
        assert article.sources, article.id
        for source in article.sources:
            assert source.url or source.document, article.id
            assert source.published or source.accessed, article.id


def test_a_valid_mini_folder_has_no_problem(tmp_path: Path) -> None:
    assert check_content(mini_content(tmp_path), MINI_TAXONOMY) == []


def _rewrite(folder: Path, article_id: str, body: str = "รายละเอียดค่ะ", **fields: object) -> None:
    meta = article_meta(article_id, **fields)
    write_article(folder, {k: v for k, v in meta.items() if v is not None}, body)


def _break_offices(folder: Path) -> None:
    data = offices_data()
    data["hotlines"] = [h for h in data["hotlines"] if h["number"] != "1676"]
    write_offices(folder, data)


def _unsourced_office(folder: Path) -> None:
    data = offices_data()
    del data["offices"][0]["sources"]
    write_offices(folder, data)


BROKEN: dict[str, tuple[Callable[[Path], None], str, str]] = {
    "missing field": (lambda d: _rewrite(d, "wage", title=None), "wage.md", "title"),
    "unknown intent": (
        lambda d: _rewrite(d, "wage", intents=["minimum_wage", "weather"]),
        "wage.md",
        "intents",
    ),
    "summary too long": (
        lambda d: _rewrite(d, "wage", summary="ก" * (MAX_SUMMARY + 1)),
        "wage.md",
        "summary",
    ),
    "reviewed not a date": (
        lambda d: _rewrite(d, "wage", reviewed="last week"),
        "wage.md",
        "reviewed",
    ),
    "reviewed in the future": (
        lambda d: _rewrite(d, "wage", reviewed="2999-01-01"),
        "wage.md",
        "reviewed",
    ),
    "no sources": (lambda d: _rewrite(d, "wage", sources=[]), "wage.md", "sources"),
    "source without date": (
        lambda d: _rewrite(d, "wage", sources=[{"title": "x", "url": "https://example.org"}]),
        "wage.md",
        "sources[0].published",
    ),
    "source without url or document": (
        lambda d: _rewrite(d, "wage", sources=[{"title": "x", "published": 2025}]),
        "wage.md",
        "sources[0]",
    ),
    "related id that does not exist": (
        lambda d: _rewrite(d, "wage", related=["nowhere"]),
        "wage.md",
        "related",
    ),
    "too many related for quick replies": (
        lambda d: _rewrite(d, "wage", related=[f"a{i}" for i in range(14)]),
        "wage.md",
        "related",
    ),
    "unknown language": (lambda d: _rewrite(d, "wage", lang="xx"), "wage.md", "lang"),
    "unknown audience": (lambda d: _rewrite(d, "wage", audience="everyone"), "wage.md", "audience"),
    "id differs from file name": (
        lambda d: (d / "wage.md").rename(d / "wages.md"),
        "wages.md",
        "id",
    ),
    "empty body": (lambda d: _rewrite(d, "wage", body=""), "wage.md", "body"),
    "no front matter": (
        lambda d: (d / "wage.md").write_text("just text", encoding="utf-8"),
        "wage.md",
        "front matter",
    ),
    "intent no longer covered": (
        lambda d: (d / "ombudsman.md").unlink() or _rewrite(d, "wage", related=[]),
        "(all articles)",
        "intents",
    ),
    "hotline missing from offices": (_break_offices, "offices.yaml", "hotlines"),
    "office without source": (_unsourced_office, "offices.yaml", "offices[0].sources"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_check_names_the_file_and_field_of_each_kind_of_break(tmp_path: Path, case: str) -> None:
    folder = mini_content(tmp_path)
    breaker, file, field = BROKEN[case]
    breaker(folder)

    problems = check_content(folder, MINI_TAXONOMY)

    assert any(p.file == file and p.field == field for p in problems), problems


def test_two_articles_with_one_id_are_reported(tmp_path: Path) -> None:
    folder = mini_content(tmp_path)
    (folder / "th").mkdir()
    write_article(folder / "th", article_meta("wage"))

    problems = check_content(folder, MINI_TAXONOMY)

    duplicates = [p for p in problems if p.field == "id" and "also used by" in p.message]
    assert {duplicates[0].file, duplicates[0].message.rsplit(" ", 1)[-1]} == {
        "wage.md",
        "th/wage.md",
    }


def test_a_button_label_longer_than_line_allows_is_reported(tmp_path: Path) -> None:
    folder = mini_content(tmp_path)
    _rewrite(folder, "wage", label="ป้ายที่ยาวเกินกว่ายี่สิบตัวอักษรแน่นอน")

    problems = check_content(folder, MINI_TAXONOMY)

    assert ("wage.md", "label") in [(p.file, p.field) for p in problems]


def _with_summary(folder: Path, summary_yaml: str) -> None:
    """The mini folder's wage article with its summary written exactly as given."""
    path = folder / "wage.md"
    text = path.read_text(encoding="utf-8")
    start = text.index("summary:")
    end = text.index("\nsources:", start)
    path.write_text(text[:start] + summary_yaml.rstrip("\n") + text[end:], encoding="utf-8")


FOLDED_LISTS = {
    "numbered lines": "summary: >-\n  ทำ 3 อย่างค่ะ\n  1) ตรวจสิทธิ\n  2) ขึ้นทะเบียน\n",
    "numbered inline": "summary: >-\n  ทำได้ 2 ทางค่ะ 1) โทร 1676 2) ส่งไปรษณีย์\n",
    "bullets": "summary: >-\n  สายด่วนค่ะ\n  • 1506 กระทรวงแรงงาน\n  • 1546 กสร.\n",
    "dashes, plain scalar": "summary: สายด่วนค่ะ\n  - 1506 กระทรวงแรงงาน\n  - 1546 กสร.\n",
}


@pytest.mark.parametrize("case", sorted(FOLDED_LISTS))
def test_a_list_in_a_folded_summary_is_reported(tmp_path: Path, case: str) -> None:
    folder = mini_content(tmp_path)
    _with_summary(folder, FOLDED_LISTS[case])

    problems = check_content(folder, MINI_TAXONOMY)

    assert [(p.file, p.field) for p in problems] == [("wage.md", "summary")]
    assert "summary: |" in problems[0].message


@pytest.mark.parametrize(
    "summary_yaml",
    [
        "summary: |\n  ทำ 3 อย่างค่ะ\n  1) ตรวจสิทธิ\n  2) ขึ้นทะเบียน\n",
        # Prose that folds well: a lone "5)" closes a bracket, it starts no list.
        "summary: >-\n  ปรึกษาสายด่วน (1546 หรือ 1506 กด 5) ได้ค่ะ\n  ค่าจ้าง 1–3 ปี = 90 วัน\n",
    ],
)
def test_a_literal_list_or_folded_prose_summary_passes(tmp_path: Path, summary_yaml: str) -> None:
    folder = mini_content(tmp_path)
    _with_summary(folder, summary_yaml)

    assert check_content(folder, MINI_TAXONOMY) == []


def test_a_literal_summary_keeps_its_lines_and_a_folded_one_is_one_line(tmp_path: Path) -> None:
    folder = mini_content(tmp_path)
    _with_summary(folder, "summary: |\n  ทำ 2 อย่างค่ะ\n  1) ตรวจสิทธิ   ค่าชดเชย\n  2) โทร 1546\n")
    literal, _ = parse_article(folder / "wage.md", folder)
    _with_summary(folder, "summary: >-\n  ค่าจ้างขั้นต่ำ\n  วันละ 337 บาทค่ะ\n")
    folded, _ = parse_article(folder / "wage.md", folder)

    assert literal is not None and folded is not None
    assert literal.summary == "ทำ 2 อย่างค่ะ\n1) ตรวจสิทธิ ค่าชดเชย\n2) โทร 1546"
    assert folded.summary == "ค่าจ้างขั้นต่ำ วันละ 337 บาทค่ะ"


PRESS = {"title": "Daily News: headline", "url": "https://news.example.com/a", "published": "2025"}


def _problems_of(folder: Path, article_id: str) -> list[str]:
    return [str(p) for p in check_content(folder, MINI_TAXONOMY) if p.file == f"{article_id}.md"]


def test_an_article_stating_a_figure_needs_an_official_source(tmp_path: Path) -> None:
    mini_content(tmp_path)
    write_article(
        tmp_path, article_meta("wage", summary="วันละ 337 บาทค่ะ", sources=[PRESS], related=[])
    )

    problems = _problems_of(tmp_path, "wage")

    assert len(problems) == 1 and "states a figure but cites no official source" in problems[0]


def test_press_beside_an_official_source_passes(tmp_path: Path) -> None:
    mini_content(tmp_path)
    official = {"title": "กระทรวงแรงงาน: ข่าว", "url": "https://example.org/n", "published": "2025"}
    write_article(
        tmp_path,
        article_meta("wage", summary="วันละ 337 บาทค่ะ", sources=[PRESS, official], related=[]),
    )

    assert _problems_of(tmp_path, "wage") == []


def test_a_document_from_an_official_publisher_counts_as_official(tmp_path: Path) -> None:
    mini_content(tmp_path)
    document = {"title": "กระทรวงแรงงาน: ประกาศ", "document": "ฉบับลงนาม", "published": "2025"}
    write_article(
        tmp_path,
        article_meta("wage", summary="วันละ 337 บาทค่ะ", sources=[PRESS, document], related=[]),
    )

    assert _problems_of(tmp_path, "wage") == []


def test_press_alone_is_refused_even_without_a_figure(tmp_path: Path) -> None:
    mini_content(tmp_path)
    write_article(tmp_path, article_meta("wage", sources=[PRESS], related=[]))

    problems = _problems_of(tmp_path, "wage")

    assert len(problems) == 1 and "cites only non-official publishers" in problems[0]


def test_a_hotline_sourced_officially_in_offices_is_not_a_figure_to_source_again(
    tmp_path: Path,
) -> None:
    mini_content(tmp_path)
    write_article(
        tmp_path,
        article_meta("wage", summary="สอบถามที่สายด่วน 1546 ค่ะ", sources=[PRESS], related=[]),
    )
    problems_with_press_only = _problems_of(tmp_path, "wage")
    data = offices_data()
    for hotline in data["hotlines"]:
        hotline["sources"] = [PRESS]
    write_offices(tmp_path, data)

    problems_when_hotline_unsourced = _problems_of(tmp_path, "wage")

    # Sourced in offices.yaml: only the press-only rule remains; unsourced: it is a figure.
    assert ["cites only non-official publishers" in p for p in problems_with_press_only] == [True]
    assert ["states a figure" in p for p in problems_when_hotline_unsourced] == [True]


def test_the_official_list_is_required(tmp_path: Path) -> None:
    mini_content(tmp_path)
    (tmp_path / "official_domains.yaml").unlink()

    problems = [str(p) for p in check_content(tmp_path, MINI_TAXONOMY)]

    assert "official_domains.yaml: file: missing" in problems


def test_the_repository_content_cites_official_sources_for_its_figures() -> None:
    problems = [str(p) for p in check_content(CONTENT_DIR, real_taxonomy())]

    assert problems == []
