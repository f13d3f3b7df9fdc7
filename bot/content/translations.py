"""Translated articles checked against their Thai originals, and found for an answer.

A Malay article translated from a Thai one (`translated_from: th/<id>`) must say no more than the
original: the same sources, intents, provinces and audience, and no figure the original lacks
(a Buddhist-era year may be given in the Gregorian era). Its id is the original's plus the
language ("severance-pay-ms"), so the answer for a Thai article is found in either language.
When the original is reviewed again after the translation was made, the translation is stale:
`content check` warns, and `content load` leaves it out, so Malay readers get the reviewed Thai
article (with a line saying so) rather than facts that may have changed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.content.schema import ORIGINAL_LANG, Article, Problem
from bot.core.thai_dates import gregorian_year

_BUDDHIST_YEARS = range(2400, 2700)
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
# "15,000" is one figure; "337, 352" are two.
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_FIGURE = re.compile(r"\d+(?:\.\d+)?")


def translation_id(original_id: str, lang: str) -> str:
    """The id a translation of `original_id` into `lang` has."""
    return f"{original_id}-{lang}"


def figures(text: str) -> set[str]:
    """The numbers in a text as written digits: amounts, hotlines, days, years, sections."""
    plain = _THOUSANDS.sub("", text.translate(_THAI_DIGITS))
    return set(_FIGURE.findall(plain))


def _article_text(article: Article) -> str:
    return "\n".join((article.title, article.label or "", article.summary, article.body))


def _allowed_figures(original: Article) -> set[str]:
    allowed = figures(_article_text(original))
    for figure in list(allowed):
        if figure.isdigit() and int(figure) in _BUDDHIST_YEARS:
            # "2568" in the Thai text may be "2025" in the Malay one.
            allowed.add(str(gregorian_year(int(figure))))
    return allowed


def check_translations(articles: Sequence[Article]) -> tuple[list[Problem], list[Problem]]:
    """(problems, warnings) of the articles not in Thai; a warning names a stale translation."""
    by_id = {article.id: article for article in articles}
    problems: list[Problem] = []
    warnings: list[Problem] = []
    for article in articles:
        if article.lang == ORIGINAL_LANG:
            continue
        file = article.path
        folder = file.replace("\\", "/").split("/", 1)[0]
        if folder != article.lang:
            problems.append(
                Problem(file, "lang", f"a {article.lang} article lives in {article.lang}/")
            )
        for related in article.related:
            other = by_id.get(related)
            if other is not None and other.lang != article.lang:
                problems.append(
                    Problem(
                        file,
                        "related",
                        f"{related!r} is not in {article.lang}: its button "
                        "would be in another language",
                    )
                )
        if article.translated_from is None:
            continue  # an original text in this language: checked as any article is
        original = by_id.get(article.translated_from)
        if original is None or original.lang != ORIGINAL_LANG:
            problems.append(
                Problem(
                    file,
                    "translated_from",
                    f"no Thai article has the id {article.translated_from!r}",
                )
            )
            continue
        problems.extend(_compare(article, original))
        if article.translated_reviewed != original.reviewed:
            warnings.append(
                Problem(
                    file,
                    "translated_reviewed",
                    f"stale: translated from the {article.translated_reviewed} review of "
                    f"{original.path}, reviewed again on {original.reviewed}; not loaded until "
                    "translated again",
                )
            )
    return problems, warnings


def _compare(article: Article, original: Article) -> list[Problem]:
    file = article.path
    out: list[Problem] = []
    wanted_id = translation_id(original.id, article.lang)
    if article.id != wanted_id:
        out.append(
            Problem(file, "id", f"a translation of {original.id!r} has the id {wanted_id!r}")
        )
    if [s.to_dict() for s in article.sources] != [s.to_dict() for s in original.sources]:
        out.append(
            Problem(file, "sources", f"must be the sources of {original.path}, as listed there")
        )
    for name in ("intents", "provinces", "audience"):
        if getattr(article, name) != getattr(original, name):
            out.append(Problem(file, name, f"must be the same as in {original.path}"))
    extra = figures(_article_text(article)) - _allowed_figures(original)
    if extra:
        shown = ", ".join(sorted(extra, key=lambda f: (len(f), f)))
        out.append(Problem(file, "figures", f"not in {original.path}: {shown}"))
    return out
