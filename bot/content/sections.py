"""Sections of a law a question names ("มาตรา 40", "ม.33", "seksyen 39"), and the articles
about them: a named section is a precise question, and the article about that section answers
it before an overview that lists it among others or an article that cites it in passing."""

from __future__ import annotations

import re
from functools import lru_cache

from bot.content.models import ContentArticle
from bot.content.thai import search_text
from intents.normalize import normalize

# "มาตรา 33, 39, 40", "มาตรา 39 และ 39/1", "Seksyen 33, 39 dan 40": a word for section, then
# its numbers. A number after a plain space belongs to the list only when it is short, so
# "มาตรา 40 100 บาท" is not read as section 100.
_NUMBER = r"\d{1,3}(?:/\d)?(?!\d)"
_SECTIONS = re.compile(
    rf"(?:มาตรา|seksyen|section)\s*({_NUMBER}"
    rf"(?:\s*(?:,|และ|หรือ|กับ|dan|atau|&)\s*{_NUMBER}|\s+{_NUMBER}(?!\s*(?:บาท|ปี|วัน)))*)",
    re.IGNORECASE,
)
# How much an article counts: about the named sections (its title names them and no other),
# citing one of them in its text, or about other sections only (its figures are not sections:
# "มาตรา 70" is not the overview's "70 บาท" of section 40).
ABOUT_SECTION = 2.0
CITES_SECTION = 1.5
OTHER_SECTIONS = 0.5


@lru_cache(maxsize=4096)
def named_sections(text: str) -> frozenset[str]:
    """The section numbers `text` names ("ม.40 กับ 39" -> {"40", "39"})."""
    read = search_text(normalize(text))
    return frozenset(n for m in _SECTIONS.finditer(read) for n in re.findall(_NUMBER, m.group(1)))


def _title_sections(article: ContentArticle) -> frozenset[str]:
    return named_sections(f"{article.title} {article.label or ''}")


def _cited_sections(article: ContentArticle) -> frozenset[str]:
    return named_sections(f"{article.summary}\n{article.body}")


def section_factor(article: ContentArticle, asked: frozenset[str]) -> float:
    """How much `article` counts for a question naming the sections `asked`: ABOUT_SECTION
    when its title names some of them and no other section, CITES_SECTION when its text cites
    one, OTHER_SECTIONS when its title names only other sections, 1.0 otherwise (and for a
    question naming none)."""
    if not asked:
        return 1.0
    titled = _title_sections(article)
    if titled and titled <= asked:
        return ABOUT_SECTION
    if (titled | _cited_sections(article)) & asked:
        return CITES_SECTION
    return OTHER_SECTIONS if titled else 1.0
