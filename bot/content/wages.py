"""The minimum wage as data: content/minimum_wage.yaml read, checked, and turned into answers.

A wage article (the file's rates name it) is answered with text written from the file for the
place asked about (a district first, then the province, else the whole service area), and a
question about the next rate is answered with the newest confirmed one and whom to call.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy.orm import Session

from bot.content import store
from bot.content.models import ContentArticle
from bot.content.official import OfficialList, source_from
from bot.content.schema import Article, Problem, parse_sources
from bot.core import thai_dates

WAGES_FILE = "minimum_wage.yaml"
WAGES_DOCUMENT = "minimum_wage"
OVERVIEW_ARTICLE = "minimum-wage-overview"
# "When does the next rate start", as people type it: ขึ้นอีกเมื่อไหร่, ปีนี้ขึ้นยัง, ประกาศหรือยัง.
_NEXT_RATE = re.compile(
    r"ขึ้นอีก|จะขึ้น|ขึ้น\S{0,10}ยัง|ขึ้นเมื่อไ|ประกาศหรือยัง|ประกาศยัง|ปีหน้า|อัตราใหม่|ค่าแรงใหม่|รอบใหม่|เริ่มเมื่อไ"
)


def read_wages(path: Path, problems: list[Problem]) -> dict[str, Any]:
    """The wage file as a mapping (empty when absent); what is wrong with it into `problems`."""
    file = path.name
    if not path.is_file():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        problems.append(Problem(file, "file", f"not valid YAML: {error}"))
        return {}
    if not isinstance(data, dict) or not isinstance(data.get("announcements"), list):
        problems.append(Problem(file, "announcements", "must be a list"))
        return {}
    if not isinstance(data.get("checked"), date):
        problems.append(Problem(file, "checked", "must be a date (YYYY-MM-DD)"))
    for index, item in enumerate(data["announcements"]):
        where = f"announcements[{index}]"
        if not isinstance(item, dict):
            problems.append(Problem(file, where, "must be a mapping"))
            continue
        if not isinstance(item.get("effective"), date):
            problems.append(Problem(file, f"{where}.effective", "must be a date (YYYY-MM-DD)"))
        if not item.get("sources"):
            problems.append(Problem(file, f"{where}.sources", "a rate needs its source"))
        parse_sources(item.get("sources"), file, f"{where}.sources", problems)
        for r_index, rate in enumerate(item.get("rates") or []):
            rwhere = f"{where}.rates[{r_index}]"
            if not isinstance(rate, dict) or not isinstance(rate.get("province"), str):
                problems.append(Problem(file, f"{rwhere}.province", "missing"))
            elif not isinstance(rate.get("daily"), int) or rate["daily"] <= 0:
                problems.append(Problem(file, f"{rwhere}.daily", "must be a whole number of baht"))
    review = data.get("review")
    if review is not None:
        if not isinstance(review, dict) or not isinstance(review.get("date"), date):
            problems.append(Problem(file, "review.date", "must be a date (YYYY-MM-DD)"))
        else:
            parse_sources(review.get("sources"), file, "review.sources", problems)
    return data


def check_wage_sources(data: dict[str, Any], official: OfficialList) -> list[Problem]:
    """One problem per announcement (and the review) citing no official publisher."""
    problems = []
    items = [(f"announcements[{i}]", a) for i, a in enumerate(_announcements(data))]
    if isinstance(data.get("review"), dict):
        items.append(("review", data["review"]))
    for where, item in items:
        sources = [s for s in item.get("sources") or [] if isinstance(s, dict)]
        if not any(official.is_official(source_from(s)) for s in sources):
            problems.append(Problem(WAGES_FILE, f"{where}.sources", "cites no official source"))
    return problems


_BAHT = re.compile(r"(\d[\d,]*)(?:\s*[–-]\s*(\d[\d,]*))?\s*บาท")


def check_wage_figures(data: dict[str, Any], articles: Iterable[Article]) -> list[Problem]:
    """A wage article naming a daily rate the wage file does not hold: the two disagree (the
    file is where rates are kept; an article's figure must be one of its rates)."""
    rates = {int(r["daily"]) for a in _announcements(data) for r in a.get("rates") or []}
    ids = wage_articles(data) | {OVERVIEW_ARTICLE} if data else set()
    problems = []
    for article in articles:
        if article.id not in ids:
            continue
        text = f"{article.summary}\n{article.body}"
        found = {int(n.replace(",", "")) for pair in _BAHT.findall(text) for n in pair if n}
        for figure in sorted(found - rates):
            message = f"{figure} บาท is not a rate of {WAGES_FILE}: correct one of the two"
            problems.append(Problem(article.path, "body", message))
    return problems


def wage_articles(data: dict[str, Any]) -> set[str]:
    """The articles the wage file answers for (checked to exist by `asabot content check`)."""
    ids = {r.get("article") for a in _announcements(data) for r in a.get("rates") or []}
    review = data.get("review") or {}
    return {str(i) for i in (*ids, review.get("article")) if i}


def _announcements(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [a for a in data.get("announcements") or [] if isinstance(a, dict)]


def thai_date(value: Any) -> str:
    """1 ม.ค. 2568 from a date or its ISO text (the database keeps the file's dates as text)."""
    day = value if isinstance(value, date) else date.fromisoformat(str(value))
    return thai_dates.thai_date(day)


def _general(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The announcements for every workplace (not only hotels and the like)."""
    return [a for a in _announcements(data) if not a.get("applies_to")]


def _rates_for(data: dict[str, Any], province: str) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    # The newest general announcement holding the province wins.
    for item in sorted(_general(data), key=lambda a: str(a.get("effective")), reverse=True):
        rates = [r for r in item.get("rates") or [] if r.get("province") == province]
        if rates:
            return [(item, r) for r in rates]
    return []


def _district_named(rates: list[dict[str, Any]], query: str) -> tuple[str, dict[str, Any]] | None:
    for rate in rates:
        own = rate.get("district")
        if own and own in query:
            return own, rate
    for rate in rates:
        for name in rate.get("districts") or []:
            if name in query:
                return name, rate
    return None


def _ask(data: dict[str, Any]) -> str:
    numbers = [str(n) for n in data.get("ask") or []]
    return " หรือ ".join(numbers) if numbers else "1506"


def province_text(data: dict[str, Any], province: str, query: str = "") -> str | None:
    """The rate of a province (of a district when the question names one), or None."""
    found = _rates_for(data, province)
    if not found:
        return None
    item = found[0][0]
    rates = [rate for _item, rate in found]
    since = f"มีผลตั้งแต่ {thai_date(item['effective'])}"
    named = _district_named(rates, query)
    if named is not None:
        name, rate = named
        lead = f"อำเภอ{name} จังหวัด{province} ค่าจ้างขั้นต่ำวันละ {rate['daily']} บาท {since} ค่ะ"
    else:
        main = next((r for r in rates if not r.get("district")), rates[0])
        lead = f"จังหวัด{province} ค่าจ้างขั้นต่ำวันละ {main['daily']} บาท {since} ค่ะ"
        same = [
            r["province"]
            for r in item.get("rates") or []
            if r["province"] != province and not r.get("district") and r["daily"] == main["daily"]
        ]
        if same:
            lead += f"\nเท่ากับจังหวัด{' '.join(same)}"
        if main.get("districts"):
            lead += f"\nรวมถึงอำเภอ{' '.join(main['districts'])}"
        for rate in rates:
            if rate.get("district"):
                lead += f"\nยกเว้นอำเภอ{rate['district']} วันละ {rate['daily']} บาท"
    return lead + _special_text(data, province, query)


def _special_text(data: dict[str, Any], province: str, query: str) -> str:
    """A rate for certain workplaces (hotels, entertainment venues) when the question names one."""
    lines = []
    for item in _announcements(data):
        kinds = [str(k) for k in item.get("applies_to") or []]
        if not kinds or not any(k in query for k in kinds):
            continue
        for rate in item.get("rates") or []:
            if rate.get("province") == province:
                who = item.get("who") or "/".join(kinds)
                since = thai_date(item["effective"])
                lines.append(f"\nลูกจ้าง{who} วันละ {rate['daily']} บาท ตั้งแต่ {since}")
    return "".join(lines)


def _area_lines(data: dict[str, Any]) -> tuple[list[str], str | None]:
    """One line per rate of the newest general announcements, provinces of a rate together."""
    groups: dict[str, list[str]] = {}
    seen: set[str] = set()
    since = None
    for item in sorted(_general(data), key=lambda a: str(a.get("effective")), reverse=True):
        for rate in item.get("rates") or []:
            place = rate["province"] + (f" อำเภอ{rate['district']}" if rate.get("district") else "")
            if place in seen:
                continue
            seen.add(place)
            if rate.get("except"):
                place += " (ยกเว้นอำเภอ" + " ".join(rate["except"]) + ")"
            groups.setdefault(str(rate["daily"]), []).append(place)
        since = since or thai_date(item["effective"])
    return [f"- {' '.join(places)} วันละ {daily} บาท" for daily, places in groups.items()], since


def area_text(data: dict[str, Any]) -> str:
    """Every place of the file with its rate: the answer when no place is known."""
    lines, since = _area_lines(data)
    text = f"ค่าจ้างขั้นต่ำในพื้นที่ มีผลตั้งแต่ {since} ค่ะ\n" + "\n".join(lines)
    national = (data.get("national") or {}).get("text")
    return f"{text}\n{national}" if national else text


def next_rate_text(data: dict[str, Any]) -> str:
    """The answer to "when does the next rate start": a newer announcement if the file holds
    one, else the newest confirmed rates, the latest review read, and whom to call."""
    checked = data.get("checked")
    today = date.fromisoformat(str(checked)) if checked else None
    general = sorted(_general(data), key=lambda a: str(a.get("effective")))
    upcoming = [a for a in general if today and date.fromisoformat(str(a["effective"])) > today]
    if upcoming:
        item = upcoming[0]
        return f"อัตราใหม่มีผลตั้งแต่ {thai_date(item['effective'])} ค่ะ ({item['title']})"
    newest = general[-1] if general else None
    lines = []
    if newest is not None:
        lines.append(f"อัตราล่าสุดที่ตรวจสอบได้มีผลตั้งแต่ {thai_date(newest['effective'])} ค่ะ")
    review = data.get("review") or {}
    if review.get("date"):
        lines.append(f"เมื่อ {thai_date(review['date'])} {review.get('what', '')}".rstrip())
    if today is not None:
        lines.append(f"ยังไม่มีประกาศอัตราใหม่ที่ตรวจสอบได้ (ตรวจเมื่อ {thai_date(today)})")
    lines.append(f"สอบถามอัตราล่าสุดที่สายด่วน {_ask(data)} ค่ะ")
    return "\n".join(lines)


def answer_text(data: dict[str, Any], article_id: str, query: str = "") -> str | None:
    """The wage text for an article the file answers for, or None (any other article)."""
    if not data or article_id not in wage_articles(data) | {OVERVIEW_ARTICLE}:
        return None
    review = data.get("review") or {}
    if article_id == review.get("article") or _NEXT_RATE.search(query):
        return next_rate_text(data)
    for item in _general(data):
        for rate in item.get("rates") or []:
            if rate.get("article") == article_id:
                text = province_text(data, rate["province"], query)
                tail = f"สอบถามหรือร้องเรียนได้ที่สายด่วน {_ask(data)} ค่ะ"
                return None if text is None else f"{text}\n\n{tail}"
    return f"{area_text(data)}\n\nจังหวัดอื่น สอบถามได้ที่สายด่วน {_ask(data)} ค่ะ"


def lead_for(session: Session, article: ContentArticle, query: str | None = None) -> str | None:
    """The lead of a wage article's card, written from the loaded wage file; None otherwise."""
    return answer_text(store.snapshot(session).document(WAGES_DOCUMENT), article.id, query or "")
