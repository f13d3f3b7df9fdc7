"""Official sources: an article that states a figure, or cites the press, cites an official
publisher too (content/official_domains.yaml names them)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from bot.content.schema import Article, Problem, Source

OFFICIAL_FILE = "official_domains.yaml"
# Any digit, Arabic or Thai: an amount, a hotline, a rate, an age, a date.
_FIGURE = re.compile(r"[0-9๐-๙]")
# A hotline and its option ("1506 กด 5"): sourced once, in offices.yaml, for every article.
_HOTLINE = re.compile(r"(?<![0-9])1[0-9]{3}(?:\s*กด\s*[0-9])?(?![0-9])")


@dataclass(frozen=True)
class OfficialList:
    domains: tuple[str, ...]
    publishers: tuple[str, ...]

    def is_official(self, source: Source) -> bool:
        """Whether the source's site is on the list, or its (URL-less) title names a listed
        publisher."""
        if source.url:
            host = (urlsplit(source.url).hostname or "").lower()
            return any(host == d or host.endswith("." + d) for d in self.domains)
        return any(source.title.startswith(p) for p in self.publishers)


def read_official_list(path: Path, problems: list[Problem]) -> OfficialList | None:
    """The list, or None (with a problem) when the file is missing or malformed."""
    if not path.is_file():
        problems.append(Problem(path.name, "file", "missing"))
        return None
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    domains = data.get("domains") if isinstance(data, dict) else None
    publishers = data.get("publishers") if isinstance(data, dict) else None
    if not isinstance(domains, list) or not all(isinstance(d, str) and d for d in domains):
        problems.append(Problem(path.name, "domains", "must be a list of host names"))
        return None
    if publishers is not None and not all(isinstance(p, str) and p for p in publishers):
        problems.append(Problem(path.name, "publishers", "must be a list of names"))
        return None
    return OfficialList(tuple(d.lower() for d in domains), tuple(publishers or ()))


def official_hotlines(offices: dict[str, Any], official: OfficialList) -> frozenset[str]:
    """Hotline numbers whose offices.yaml entry cites an official source."""
    found = set()
    for hotline in offices.get("hotlines") or []:
        sources = [s for s in hotline.get("sources") or [] if isinstance(s, dict)]
        if any(official.is_official(source_from(s)) for s in sources):
            found.add(str(hotline.get("number")))
    return frozenset(found)


def source_from(data: dict[str, Any]) -> Source:
    """A source of a data file (offices, minimum wage) as the official test reads it."""
    return Source(str(data.get("title", "")), data.get("url"), data.get("document"), None, None)


def states_a_figure(article: Article, hotlines: frozenset[str] = frozenset()) -> bool:
    """Whether the article states a figure other than a hotline offices.yaml sources."""
    text = f"{article.title}\n{article.summary}\n{article.body}"
    text = _HOTLINE.sub(lambda m: " " if m.group(0)[:4] in hotlines else m.group(0), text)
    return bool(_FIGURE.search(text))


def check_official_sources(
    articles: Iterable[Article], official: OfficialList, hotlines: frozenset[str] = frozenset()
) -> list[Problem]:
    """One problem per article that states a figure (`hotlines`, sourced in offices.yaml, do
    not count) or cites a non-official publisher, without citing an official one."""
    problems = []
    for article in articles:
        if any(official.is_official(source) for source in article.sources):
            continue
        if states_a_figure(article, hotlines):
            reason = "states a figure"
        elif article.sources:
            reason = "cites only non-official publishers"
        else:
            continue
        problems.append(
            Problem(
                article.path,
                "sources",
                f"{reason} but cites no official source ({OFFICIAL_FILE}): cite one, or remove "
                "the figure and name whom to call",
            )
        )
    return problems
