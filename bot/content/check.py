"""Validate a whole content folder: every article, the links between them, offices, coverage."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.content.official import (
    OFFICIAL_FILE,
    check_official_sources,
    official_hotlines,
    read_official_list,
)
from bot.content.schema import FRONT_MATTER, Article, Problem, parse_article, parse_sources
from bot.content.translations import check_translations
from bot.content.wages import (
    WAGES_FILE,
    check_wage_figures,
    check_wage_sources,
    read_wages,
    wage_articles,
)

# Intents that are answered by a conversation flow or a fixed reply, not by an article.
NON_INFORMATIONAL_INTENTS = frozenset(
    {
        "greeting",
        "thanks_goodbye",
        "complaint_file",
        "complaint_status",
        "volunteer_register",
        "human_agent",
        "out_of_scope",
    }
)
OFFICES_FILE = "offices.yaml"
ARTICLE_GLOB = "**/*.md"
REQUIRED_HOTLINES = ("1506", "1546", "1694", "1676")
# List items inside a line: "… ค่ะ 1) ตรวจสิทธิ … 2) ขึ้นทะเบียน", "… - ข้อหนึ่ง - ข้อสอง".
_NUMBERED_ITEM = re.compile(r"(?<=\S)\s+(\d{1,2})[.)]\s+(?=\S)")
_BULLET_ITEM = re.compile(r"(?<=\S)\s+[-•▪*]\s+(?=\S)")


@dataclass
class ContentSet:
    """Everything read from a content folder, and what was wrong with it."""

    articles: list[Article] = field(default_factory=list)
    offices: dict[str, Any] = field(default_factory=dict)
    wages: dict[str, Any] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # Not in the way of a load: stale translations (the loader leaves them out).
    warnings: list[Problem] = field(default_factory=list)

    @property
    def loadable(self) -> list[Article]:
        """The articles a load puts in service: all but stale translations."""
        stale = {warning.file for warning in self.warnings}
        return [article for article in self.articles if article.path not in stale]


def informational_intents(taxonomy_ids: Iterable[str]) -> set[str]:
    return set(taxonomy_ids) - NON_INFORMATIONAL_INTENTS


def read_content(content_dir: Path, taxonomy_ids: Iterable[str]) -> ContentSet:
    """Parse and cross-check every file under content_dir."""
    content_dir = Path(content_dir)
    known_intents = set(taxonomy_ids)
    result = ContentSet()
    if not content_dir.is_dir():
        result.problems.append(Problem(str(content_dir), "folder", "does not exist"))
        return result
    paths = sorted(content_dir.glob(ARTICLE_GLOB))
    if not paths:
        result.problems.append(Problem(str(content_dir), "folder", "holds no article (*.md)"))
    seen: dict[str, str] = {}
    for path in paths:
        article, problems = parse_article(path, content_dir)
        result.problems.extend(problems)
        if article is None:
            continue
        if article.id in seen:
            result.problems.append(
                Problem(article.path, "id", f"{article.id!r} is also used by {seen[article.id]}")
            )
            continue
        seen[article.id] = article.path
        result.problems.extend(_check_summary_list(path, article.path))
        for intent in article.intents:
            if intent not in known_intents:
                result.problems.append(Problem(article.path, "intents", f"unknown id {intent!r}"))
        result.articles.append(article)
    _check_related(result, seen)
    translation_problems, result.warnings = check_translations(result.articles)
    result.problems.extend(translation_problems)
    _check_coverage(result, known_intents)
    result.offices = _read_offices(content_dir / OFFICES_FILE, result.problems)
    result.wages = read_wages(content_dir / WAGES_FILE, result.problems)
    for missing in sorted(wage_articles(result.wages) - set(seen)):
        result.problems.append(Problem(WAGES_FILE, "article", f"no article has the id {missing!r}"))
    result.problems.extend(check_wage_figures(result.wages, result.articles))
    official = read_official_list(content_dir / OFFICIAL_FILE, result.problems)
    if official is not None:
        hotlines = official_hotlines(result.offices, official)
        result.problems.extend(check_official_sources(result.articles, official, hotlines))
        result.problems.extend(check_wage_sources(result.wages, official))
    return result


def check_content(content_dir: Path, taxonomy_ids: Iterable[str]) -> list[Problem]:
    """Every problem in the content folder; an empty list means it may be loaded."""
    return read_content(Path(content_dir), taxonomy_ids).problems


def _runs_a_list_together(text: str) -> bool:
    """Two numbered items in a row (1 then 2) or two bullets inside one line of text."""
    numbers = {int(n) for line in text.splitlines() for n in _NUMBERED_ITEM.findall(line)}
    if numbers & {n + 1 for n in numbers}:
        return True
    return any(len(_BULLET_ITEM.findall(line)) >= 2 for line in text.splitlines())


def _check_summary_list(path: Path, file: str) -> list[Problem]:
    """A summary written folded (`>-`, or plain or quoted text, which YAML folds too) turns its
    lines into one: a list in it runs together into a single line on the phone."""
    match = FRONT_MATTER.match(path.read_text(encoding="utf-8"))
    if match is None:
        return []
    root = yaml.compose(match.group(1))
    if not isinstance(root, yaml.MappingNode):
        return []
    for key, value in root.value:
        if key.value == "summary" and isinstance(value, yaml.ScalarNode):
            if value.style != "|" and _runs_a_list_together(value.value):
                message = "a list folded into one line: write `summary: |`, one item a line"
                return [Problem(file, "summary", message)]
    return []


def _check_related(result: ContentSet, seen: dict[str, str]) -> None:
    for article in result.articles:
        for related in article.related:
            if related not in seen:
                result.problems.append(
                    Problem(article.path, "related", f"no article has the id {related!r}")
                )


def _check_coverage(result: ContentSet, known_intents: set[str]) -> None:
    covered = {
        intent for article in result.articles if article.lang == "th" for intent in article.intents
    }
    for intent in sorted(informational_intents(known_intents) - covered):
        result.problems.append(
            Problem("(all articles)", "intents", f"no Thai article covers intent {intent!r}")
        )


def _read_offices(path: Path, problems: list[Problem]) -> dict[str, Any]:
    file = path.name
    if not path.is_file():
        problems.append(Problem(file, "file", "missing"))
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        problems.append(Problem(file, "file", f"not valid YAML: {error}"))
        return {}
    if not isinstance(data, dict):
        problems.append(Problem(file, "file", "must be a YAML mapping"))
        return {}
    hotlines = data.get("hotlines")
    numbers = set()
    if not isinstance(hotlines, list):
        problems.append(Problem(file, "hotlines", "must be a list"))
    else:
        for index, hotline in enumerate(hotlines):
            where = f"hotlines[{index}]"
            if not isinstance(hotline, dict) or not isinstance(hotline.get("number"), str):
                problems.append(Problem(file, f"{where}.number", "missing (quote it as text)"))
                continue
            numbers.add(hotline["number"])
            _need_text(hotline, "name", file, where, problems)
            parse_sources(hotline.get("sources"), file, f"{where}.sources", problems)
            for opt_index, option in enumerate(hotline.get("options") or []):
                owhere = f"{where}.options[{opt_index}]"
                if not isinstance(option, dict) or not isinstance(option.get("key"), str):
                    problems.append(Problem(file, f"{owhere}.key", "missing (quote it as text)"))
                    continue
                _need_text(option, "name", file, owhere, problems)
                parse_sources(option.get("sources"), file, f"{owhere}.sources", problems)
        for number in REQUIRED_HOTLINES:
            if number not in numbers:
                problems.append(Problem(file, "hotlines", f"hotline {number} is missing"))
    offices = data.get("offices")
    if not isinstance(offices, list):
        problems.append(Problem(file, "offices", "must be a list"))
    else:
        for index, office in enumerate(offices):
            where = f"offices[{index}]"
            if not isinstance(office, dict):
                problems.append(Problem(file, where, "must be a mapping"))
                continue
            for name in ("id", "name", "province"):
                _need_text(office, name, file, where, problems)
            parse_sources(office.get("sources"), file, f"{where}.sources", problems)
    ombudsman = data.get("ombudsman")
    if not isinstance(ombudsman, dict):
        problems.append(Problem(file, "ombudsman", "must be a mapping"))
    else:
        _need_text(ombudsman, "name", file, "ombudsman", problems)
        parse_sources(ombudsman.get("sources"), file, "ombudsman.sources", problems)
    return data


def _need_text(data: dict[str, Any], name: str, file: str, where: str, out: list[Problem]) -> None:
    value = data.get(name)
    if not isinstance(value, str) or not value.strip():
        out.append(Problem(file, f"{where}.{name}", "missing"))
