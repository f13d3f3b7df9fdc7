"""The article and offices file formats: parsing, and the checks one file can make on its own."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.content.thai import text_length

SUPPORTED_LANGS = ("th", "ms", "en")
AUDIENCES = ("public", "volunteer")
# A summary is the chat answer itself: it must read well on a phone (the brief's limit), and it
# sits in a Flex text component whose own limit is far higher.
MAX_SUMMARY = 400
MAX_TITLE = 100
# "อ่านต่อ" sends the body in at most five text messages of at most 5,000 characters, and the
# last one also carries the source list, so the body keeps room to spare.
MAX_BODY = 15000
MAX_RELATED = 13
ARTICLE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PARTIAL_DATE = re.compile(r"^\d{4}(?:-\d{2})?$")
FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n?(.*)\Z", re.DOTALL)
REQUIRED_FIELDS = (
    "id", "intents", "lang", "title", "summary", "sources", "reviewed", "audience", "related",
)  # fmt: skip
# A translation names the article it was translated from ("th/severance-pay") and the reviewed
# date of that article when it was translated: a later review of the original makes it stale.
TRANSLATION_FIELDS = ("translated_from", "translated_reviewed")
KNOWN_FIELDS = {*REQUIRED_FIELDS, "provinces", "priority", "label", *TRANSLATION_FIELDS}
ORIGINAL_LANG = "th"
TRANSLATED_FROM = re.compile(r"^th/([a-z0-9]+(?:-[a-z0-9]+)*)$")
MAX_LABEL = 20  # LINE: characters in a quick-reply or button label


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file, named by the field at fault."""

    file: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.field}: {self.message}"


@dataclass(frozen=True)
class Source:
    title: str
    url: str | None
    document: str | None
    # The publication date as precise as the source gives it ("2025", "2025-07", "2025-07-01"),
    # or None for an undated page, which then carries the date it was read.
    published: str | None
    accessed: str | None

    def to_dict(self) -> dict[str, str]:
        data = {
            "title": self.title,
            "url": self.url,
            "document": self.document,
            "published": self.published,
            "accessed": self.accessed,
        }
        return {key: value for key, value in data.items() if value is not None}


@dataclass(frozen=True)
class Article:
    id: str
    intents: tuple[str, ...]
    lang: str
    title: str
    summary: str
    body: str
    sources: tuple[Source, ...]
    reviewed: dt.date
    audience: str
    related: tuple[str, ...]
    provinces: tuple[str, ...] = ()
    priority: int = 0
    # The short name on quick-reply buttons; the title, cut between words, when absent.
    label: str | None = None
    # For a translation: the original's id and its reviewed date when translated.
    translated_from: str | None = None
    translated_reviewed: dt.date | None = None
    path: str = field(default="", compare=False)

    def to_record(self) -> dict[str, Any]:
        """Plain values, the same for the same content: what the loader stores and hashes."""
        return {
            "id": self.id,
            "intents": list(self.intents),
            "lang": self.lang,
            "title": self.title,
            "summary": self.summary,
            "body": self.body,
            "sources": [source.to_dict() for source in self.sources],
            "reviewed": self.reviewed.isoformat(),
            "audience": self.audience,
            "related": list(self.related),
            "provinces": list(self.provinces),
            "priority": self.priority,
            "label": self.label,
            # Only translations carry these, so the original articles' hashes stay as they were.
            **(
                {
                    "translated_from": self.translated_from,
                    "translated_reviewed": str(self.translated_reviewed),
                }
                if self.translated_from
                else {}
            ),
        }


def tidy_summary(text: str) -> str:
    """Spaces collapsed, line breaks kept: a `summary: |` list shows one item per line."""
    lines = (" ".join(line.split()) for line in text.strip().splitlines())
    return "\n".join(line for line in lines if line)


def _date_text(value: Any) -> str | None:
    """A full or partial date as text, or None when it is neither."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int):
        value = str(value)
    if isinstance(value, str):
        if PARTIAL_DATE.match(value):
            return value
        try:
            return dt.date.fromisoformat(value).isoformat()
        except ValueError:
            return None
    return None


def _str_list(value: Any) -> list[str] | None:
    if value is None:
        return []
    if isinstance(value, list) and all(isinstance(item, str) and item for item in value):
        return list(value)
    return None


def parse_sources(raw: Any, file: str, prop: str, problems: list[Problem]) -> list[Source]:
    """A non-empty list of sources, each with a title, a URL or document, and a date."""
    if not isinstance(raw, list) or not raw:
        problems.append(Problem(file, prop, "at least one source is required"))
        return []
    sources = []
    for index, item in enumerate(raw):
        where = f"{prop}[{index}]"
        if not isinstance(item, dict):
            problems.append(Problem(file, where, "must be a mapping with title, url and date"))
            continue
        title, url, document = item.get("title"), item.get("url"), item.get("document")
        if not isinstance(title, str) or not title.strip():
            problems.append(Problem(file, f"{where}.title", "missing"))
            continue
        if url is None and document is None:
            problems.append(Problem(file, where, "needs a url or a document"))
            continue
        if url is not None and not (isinstance(url, str) and re.match(r"^https?://\S+$", url)):
            problems.append(Problem(file, f"{where}.url", f"not an http(s) URL: {url!r}"))
            continue
        if document is not None and not (isinstance(document, str) and document.strip()):
            problems.append(Problem(file, f"{where}.document", "must be non-empty text"))
            continue
        published, accessed = item.get("published"), item.get("accessed")
        if published is None and accessed is None:
            problems.append(
                Problem(file, f"{where}.published", "missing (give published, or accessed)")
            )
            continue
        published_text = _date_text(published) if published is not None else None
        accessed_text = _date_text(accessed) if accessed is not None else None
        if published is not None and published_text is None:
            problems.append(Problem(file, f"{where}.published", f"not a date: {published!r}"))
            continue
        if accessed is not None and (accessed_text is None or len(accessed_text) != 10):
            problems.append(Problem(file, f"{where}.accessed", f"not a full date: {accessed!r}"))
            continue
        sources.append(Source(title.strip(), url, document, published_text, accessed_text))
    return sources


def _split_front_matter(text: str, file: str, problems: list[Problem]) -> tuple[Any, str] | None:
    match = FRONT_MATTER.match(text)
    if match is None:
        problems.append(Problem(file, "front matter", "the file must start with --- YAML ---"))
        return None
    try:
        meta = yaml.safe_load(match.group(1))
    except yaml.YAMLError as error:
        problems.append(Problem(file, "front matter", f"not valid YAML: {error}"))
        return None
    if not isinstance(meta, dict):
        problems.append(Problem(file, "front matter", "must be a YAML mapping"))
        return None
    return meta, match.group(2).strip()


def parse_article(path: Path, root: Path) -> tuple[Article | None, list[Problem]]:
    """One article file: the article when it is whole, and every problem found in it."""
    file = str(path.relative_to(root))
    problems: list[Problem] = []
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return None, [Problem(file, "file", f"cannot be read as UTF-8: {error}")]
    split = _split_front_matter(text, file, problems)
    if split is None:
        return None, problems
    meta, body = split
    for name in REQUIRED_FIELDS:
        if name not in meta:
            problems.append(Problem(file, name, "missing"))
    for name in sorted(set(meta) - KNOWN_FIELDS):
        problems.append(Problem(file, name, "unknown field"))

    article_id = meta.get("id")
    if "id" in meta and not (isinstance(article_id, str) and ARTICLE_ID.match(article_id)):
        problems.append(Problem(file, "id", "must be lowercase words joined by hyphens"))
    elif isinstance(article_id, str) and path.stem != article_id:
        problems.append(Problem(file, "id", f"must match the file name ({path.stem})"))

    intents = _str_list(meta.get("intents"))
    if "intents" in meta and not intents:
        problems.append(Problem(file, "intents", "must be a non-empty list of intent ids"))

    lang = meta.get("lang")
    if "lang" in meta and lang not in SUPPORTED_LANGS:
        problems.append(Problem(file, "lang", f"must be one of {', '.join(SUPPORTED_LANGS)}"))

    title = meta.get("title")
    if "title" in meta and not (isinstance(title, str) and title.strip()):
        problems.append(Problem(file, "title", "must be non-empty text"))
    elif isinstance(title, str) and text_length(title.strip()) > MAX_TITLE:
        problems.append(Problem(file, "title", f"longer than {MAX_TITLE} characters"))

    summary = meta.get("summary")
    if "summary" in meta and not (isinstance(summary, str) and summary.strip()):
        problems.append(Problem(file, "summary", "must be non-empty text"))
    elif isinstance(summary, str) and text_length(summary.strip()) > MAX_SUMMARY:
        length = text_length(summary.strip())
        problems.append(
            Problem(file, "summary", f"{length} characters, at most {MAX_SUMMARY} allowed")
        )

    if not body:
        problems.append(Problem(file, "body", "empty: the อ่านต่อ text is missing"))
    elif text_length(body) > MAX_BODY:
        problems.append(Problem(file, "body", f"longer than {MAX_BODY} characters"))

    sources = (
        parse_sources(meta.get("sources"), file, "sources", problems) if ("sources" in meta) else []
    )

    reviewed = meta.get("reviewed")
    if "reviewed" in meta and not isinstance(reviewed, dt.date):
        problems.append(Problem(file, "reviewed", f"not a date (YYYY-MM-DD): {reviewed!r}"))
    elif isinstance(reviewed, dt.date) and reviewed > dt.date.today():
        problems.append(Problem(file, "reviewed", "is in the future"))

    audience = meta.get("audience")
    if "audience" in meta and audience not in AUDIENCES:
        problems.append(Problem(file, "audience", f"must be one of {', '.join(AUDIENCES)}"))

    related = _str_list(meta.get("related"))
    if related is None:
        problems.append(Problem(file, "related", "must be a list of article ids"))
    elif len(related) > MAX_RELATED:
        problems.append(Problem(file, "related", f"at most {MAX_RELATED} (LINE quick replies)"))
    elif isinstance(article_id, str) and article_id in related:
        problems.append(Problem(file, "related", "an article cannot be related to itself"))

    provinces = _str_list(meta.get("provinces"))
    if provinces is None:
        problems.append(Problem(file, "provinces", "must be a list of province names"))

    label = meta.get("label")
    if label is not None and not (isinstance(label, str) and label.strip()):
        problems.append(Problem(file, "label", "must be non-empty text"))
    elif isinstance(label, str) and text_length(label.strip()) > MAX_LABEL:
        problems.append(Problem(file, "label", f"longer than {MAX_LABEL} characters"))

    priority = meta.get("priority", 0)
    if not isinstance(priority, int) or isinstance(priority, bool):
        problems.append(Problem(file, "priority", "must be a whole number"))

    translated_from, translated_reviewed = _translation(meta, lang, file, problems)

    if problems:
        return None, problems
    assert isinstance(article_id, str) and isinstance(title, str) and isinstance(summary, str)
    assert isinstance(reviewed, dt.date) and intents and related is not None
    article = Article(
        id=article_id,
        intents=tuple(intents),
        lang=str(lang),
        title=title.strip(),
        summary=tidy_summary(summary),
        body=body,
        sources=tuple(sources),
        reviewed=reviewed,
        audience=str(audience),
        related=tuple(related),
        provinces=tuple(provinces or ()),
        priority=int(priority),
        label=label.strip() if isinstance(label, str) else None,
        translated_from=translated_from,
        translated_reviewed=translated_reviewed,
        path=file,
    )
    return article, []


def _translation(
    meta: dict[str, Any], lang: Any, file: str, problems: list[Problem]
) -> tuple[str | None, dt.date | None]:
    """The original's id and reviewed date of a translated article; (None, None) otherwise.
    Whether the original exists and agrees is checked over the whole folder (check.py)."""
    original, reviewed = meta.get("translated_from"), meta.get("translated_reviewed")
    if original is None:
        if reviewed is not None:
            problems.append(Problem(file, "translated_reviewed", "only with translated_from"))
        return None, None
    if lang == ORIGINAL_LANG:
        problems.append(Problem(file, "translated_from", "a Thai article is an original"))
        return None, None
    match = TRANSLATED_FROM.match(original) if isinstance(original, str) else None
    if match is None:
        problems.append(Problem(file, "translated_from", "must be th/<id of the Thai article>"))
        return None, None
    if not isinstance(reviewed, dt.date):
        problems.append(
            Problem(
                file,
                "translated_reviewed",
                "missing or not a date: the Thai article's reviewed date when translated",
            )
        )
        return None, None
    return match.group(1), reviewed
