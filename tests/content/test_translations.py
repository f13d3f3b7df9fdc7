"""Malay articles are checked like Thai ones, and against the Thai article they translate."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from flask.testing import FlaskCliRunner
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.content.check import read_content
from bot.content.cli import content
from bot.content.handlers import INFORMATIONAL_INTENTS
from bot.content.loader import load_content
from bot.content.models import ContentArticle
from bot.content.schema import Article
from bot.content.translations import figures
from bot.core.thai_dates import gregorian_year
from tests.content.support import (
    MINI_TAXONOMY,
    SOURCE,
    article_meta,
    real_articles,
    write_article,
    write_offices,
)

THAI_BODY = "ค่าจ้างขั้นต่ำวันละ 337 บาท ตั้งแต่ 1 มกราคม 2568 สอบถามสายด่วน 1546 ค่ะ"
MALAY_BODY = "Gaji minimum 337 baht sehari, mulai 1 Januari 2025. Tanya di talian 1546."


def _folder(tmp_path: Path, body: str = MALAY_BODY, **malay: object) -> Path:
    """A Thai article, its Malay translation (changed by `malay`), and the offices files."""
    (tmp_path / "th").mkdir()
    (tmp_path / "ms").mkdir()
    write_article(tmp_path / "th", article_meta("wage"), THAI_BODY)
    other = article_meta("ombudsman", intents=["ombudsman_info"])
    write_article(tmp_path / "th", other)
    meta = article_meta(
        "wage-ms",
        lang="ms",
        title="Gaji minimum",
        summary="Ringkasan.",
        translated_from="th/wage",
        translated_reviewed="2025-02-01",
    )
    meta.update(malay)
    write_article(tmp_path / "ms", {k: v for k, v in meta.items() if v is not None}, body)
    write_offices(tmp_path)
    return tmp_path


def _problems(folder: Path) -> list[str]:
    return [f"{p.field}: {p.message}" for p in read_content(folder, MINI_TAXONOMY).problems]


def test_a_faithful_translation_passes(tmp_path: Path) -> None:
    found = read_content(_folder(tmp_path), MINI_TAXONOMY)

    assert found.problems == [] and found.warnings == []
    malay = next(a for a in found.articles if a.lang == "ms")
    assert (malay.translated_from, str(malay.translated_reviewed)) == ("wage", "2025-02-01")


def test_a_translation_of_an_article_that_does_not_exist_is_refused(tmp_path: Path) -> None:
    problems = _problems(_folder(tmp_path, translated_from="th/no-such-article"))

    assert problems == ["translated_from: no Thai article has the id 'no-such-article'"]


@pytest.mark.parametrize("value", ["wage", "ms/wage", "th/Wage Article"])
def test_translated_from_must_name_a_thai_article(tmp_path: Path, value: str) -> None:
    assert _problems(_folder(tmp_path, translated_from=value)) == [
        "translated_from: must be th/<id of the Thai article>"
    ]


def test_a_translation_needs_the_reviewed_date_of_what_it_translated(tmp_path: Path) -> None:
    problems = _problems(_folder(tmp_path, translated_reviewed=None))

    assert len(problems) == 1 and problems[0].startswith("translated_reviewed: missing")


def test_a_figure_the_thai_article_lacks_is_refused(tmp_path: Path) -> None:
    body = MALAY_BODY + " Pekerja hotel 400 baht sehari."

    assert _problems(_folder(tmp_path, body)) == ["figures: not in th/wage.md: 400"]


def test_a_buddhist_era_year_may_be_given_in_the_gregorian_era(tmp_path: Path) -> None:
    body = "Gaji minimum 337 baht sehari, mulai 1 Januari 2025 (B.E. 2568). Talian 1546."

    assert _problems(_folder(tmp_path, body)) == []


def test_a_year_that_is_neither_era_of_the_thai_one_is_refused(tmp_path: Path) -> None:
    body = "Gaji minimum 337 baht sehari, mulai 1 Januari 2026. Talian 1546."

    assert _problems(_folder(tmp_path, body)) == ["figures: not in th/wage.md: 2026"]


def test_figures_are_read_as_written_digits_in_either_script() -> None:
    assert figures("๓๓๗ บาท, 15,000 บาท, 337, 352 และ 1.5 เท่า") == {"337", "15000", "352", "1.5"}


def test_a_translation_keeps_the_sources_of_its_original(tmp_path: Path) -> None:
    other = dict(SOURCE, url="https://example.org/another-page")

    assert _problems(_folder(tmp_path, sources=[other])) == [
        "sources: must be the sources of th/wage.md, as listed there"
    ]


def test_a_translation_keeps_the_intents_of_its_original(tmp_path: Path) -> None:
    assert _problems(_folder(tmp_path, intents=["ombudsman_info"])) == [
        "intents: must be the same as in th/wage.md"
    ]


def test_a_translation_is_named_after_its_original_and_language(tmp_path: Path) -> None:
    folder = _folder(tmp_path, id="gaji")  # written as ms/gaji.md

    assert _problems(folder) == ["id: a translation of 'wage' has the id 'wage-ms'"]


def test_a_malay_article_lives_in_the_ms_folder(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (folder / "ms" / "wage-ms.md").rename(folder / "th" / "wage-ms.md")

    assert _problems(folder) == ["lang: a ms article lives in ms/"]


def test_a_malay_article_relates_only_to_malay_articles(tmp_path: Path) -> None:
    problems = _problems(_folder(tmp_path, related=["ombudsman"]))

    assert problems == [
        "related: 'ombudsman' is not in ms: its button would be in another language"
    ]


def test_a_thai_article_cannot_claim_to_be_a_translation(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    write_article(folder / "th", article_meta("wage", translated_from="th/ombudsman"), THAI_BODY)

    assert "translated_from: a Thai article is an original" in _problems(folder)


def test_a_stale_translation_is_a_warning_and_is_not_loaded(
    tmp_path: Path, db_session: Session
) -> None:
    # The Thai article was reviewed again after it was translated: its facts may have changed.
    folder = _folder(tmp_path, translated_reviewed=dt.date(2025, 1, 15))

    found = read_content(folder, MINI_TAXONOMY)
    report = load_content(db_session, folder, MINI_TAXONOMY)

    assert found.problems == []
    assert [w.field for w in found.warnings] == ["translated_reviewed"]
    assert "stale" in found.warnings[0].message
    assert report.stale == ["wage-ms"] and "wage-ms" not in report.added
    assert (
        db_session.scalars(select(ContentArticle.id).where(ContentArticle.lang == "ms")).all() == []
    )


def test_the_check_command_prints_a_stale_translation_as_a_warning(
    tmp_path: Path, runner: FlaskCliRunner
) -> None:
    folder = _folder(tmp_path, translated_reviewed=dt.date(2025, 1, 15))

    result = runner.invoke(content, ["check", "--dir", str(folder)])

    assert "warning: ms/wage-ms.md: translated_reviewed: stale" in result.output


def test_every_informational_intent_has_malay_articles_and_the_25_most_asked_are_there() -> None:
    malay = [a for a in real_articles() if a.lang == "ms"]
    covered = {intent for article in malay for intent in article.intents}

    assert len(malay) >= 25
    assert {*INFORMATIONAL_INTENTS, "announcements"} <= covered
    assert all(a.translated_from and a.id == f"{a.translated_from}-ms" for a in malay)


def _text(article: Article) -> str:
    return "\n".join((article.title, article.label or "", article.summary, article.body))


def _dropped_figures(translation: Article, original: Article) -> set[str]:
    """The figures of `original` that `translation` does not give, in either era for a year.

    `content check` refuses a figure the original lacks; this is the other way round: a
    translation that leaves out an amount, a hotline or a date says less than the original.
    A Buddhist-era year may be given in the Gregorian era, and a short one ("ปี 69") as the
    Gregorian year of 2569.
    """
    kept = figures(_text(translation))
    dropped = set()
    for figure in figures(_text(original)) - kept:
        year = int(figure) if figure.isdigit() else 0
        if len(figure) == 2:
            year += 2500
        if 2400 <= year < 2700 and str(gregorian_year(year)) in kept:
            continue
        dropped.add(figure)
    return dropped


def test_a_translation_that_leaves_out_a_hotline_is_found(tmp_path: Path) -> None:
    body = "Gaji minimum 337 baht sehari, mulai 1 Januari 2025."
    articles = {a.id: a for a in read_content(_folder(tmp_path, body), MINI_TAXONOMY).articles}

    assert _dropped_figures(articles["wage-ms"], articles["wage"]) == {"1546"}


def test_a_faithful_translation_keeps_every_figure_a_short_year_in_the_gregorian_era(
    tmp_path: Path,
) -> None:
    articles = {a.id: a for a in read_content(_folder(tmp_path), MINI_TAXONOMY).articles}
    thai = dataclasses.replace(articles["wage"], title="ค่าแรงปี 68")  # short for 2568

    assert _dropped_figures(articles["wage-ms"], thai) == set()


def test_every_malay_translation_keeps_every_figure_of_its_thai_original() -> None:
    articles = {a.id: a for a in real_articles()}
    dropped = {
        article.id: sorted(_dropped_figures(article, articles[article.translated_from]))
        for article in articles.values()
        if article.translated_from
    }

    assert {k: v for k, v in dropped.items() if v} == {}
    assert len(dropped) >= 25
