"""Submitted interviews as tables with KoboToolbox-style columns, written as CSV or XLSX.

Columns are the questions' group paths (`abroad/country`); a select_multiple also gets one 0/1
column per choice (`abroad/documents/passport`), a geopoint `_place_latitude` and
`_place_longitude`; then `_id`, `_uuid`, `_submission_time`, `__version__` and the area. Each
repeat is a table of its own (`_index`, `_parent_index`, `_submission__uuid`). Every version of
the form is exported together, each row filled by its own version; the XLSX carries the newest
XLSForm's sheets as the data dictionary. Text a spreadsheet would run as a formula (starting
with = + - @, a tab or a carriage return) stays text: bot.core.exports, as for complaints.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import PurePosixPath
from typing import IO, Any

import geothai
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.core.exports import append_xlsx_row, csv_row
from bot.surveys.form import Form, Question, Section
from bot.surveys.models import ResponseStatus, SurveyForm, SurveyMedia, SurveyResponse

META_COLUMNS = (
    "_id",
    "_uuid",
    "_submission_time",
    "__version__",
    "_province_code",
    "_province",
    "_district_code",
    "_district",
    "_volunteer",
)
REPEAT_META = ("_index", "_parent_index", "_submission__id", "_submission__uuid")


@dataclass
class Table:
    name: str
    columns: list[str]
    rows: list[list[Any]] = field(default_factory=list)


def volunteer_code(user_id: str | None) -> str:
    """A stable pseudonym: who did which interviews, without the LINE account."""
    if not user_id:
        return ""
    return "V" + hashlib.sha256(user_id.encode()).hexdigest()[:8]


def _columns(question: Question) -> list[str]:
    if question.kind == "note":
        return []
    path = question.path
    if question.kind == "select_multiple":
        return [path, *(f"{path}/{c.name}" for c in question.choices)]
    if question.kind == "geopoint":
        parent, _, name = path.rpartition("/")
        prefix = f"{parent}/" if parent else ""
        return [path, f"{prefix}_{name}_latitude", f"{prefix}_{name}_longitude"]
    return [path]


def _cells(question: Question, raw: Any, photos: dict[str, str]) -> list[Any]:
    if question.kind == "note":
        return []
    if question.kind == "select_multiple":
        picked = raw or []
        flags = ["" if raw is None else int(c.name in picked) for c in question.choices]
        return [" ".join(picked) if raw is not None else "", *flags]
    if question.kind == "geopoint":
        if not raw:
            return ["", "", ""]
        return [f"{raw['lat']} {raw['lon']} 0 0", raw["lat"], raw["lon"]]
    if question.kind == "image":
        return [photos.get(raw["message_id"], "") if raw else ""]
    return ["" if raw is None else raw]


def _layout(forms: Sequence[Form]) -> tuple[list[str], dict[str, list[str]]]:
    """Main columns and each repeat's, newest version first, older versions' extras after."""
    main: list[str] = []
    repeats: dict[str, list[str]] = {}
    for form in forms:
        for question in form.questions.values():
            target = repeats.setdefault(question.repeat, []) if question.repeat else main
            target += [c for c in _columns(question) if c not in target]
        for section in form.sections.values():
            if section.kind == "repeat":
                repeats.setdefault(section.name, [])
    return main, repeats


def export_tables(
    session: Session, form_id: str, provinces: Sequence[str] | None = None
) -> list[Table]:
    """The submitted interviews of every version of `form_id` (in `provinces`, if given)."""
    versions = list(
        session.scalars(
            select(SurveyForm).where(SurveyForm.form_id == form_id).order_by(SurveyForm.id.desc())
        )
    )
    forms = {v.id: Form.from_json(v.definition) for v in versions}
    main_columns, repeat_columns = _layout(list(forms.values()))
    main = Table(form_id, [*main_columns, *META_COLUMNS])
    repeats = {
        name: Table(name, [*columns, *REPEAT_META]) for name, columns in repeat_columns.items()
    }
    query = select(SurveyResponse).where(
        SurveyResponse.form_id == form_id, SurveyResponse.status == ResponseStatus.SUBMITTED
    )
    if provinces is not None:
        query = query.where(SurveyResponse.province_code.in_(list(provinces)))
    versions_by_id = {v.id: v for v in versions}
    for response in session.scalars(query.order_by(SurveyResponse.submitted_at, SurveyResponse.id)):
        form = forms[response.form_pk]
        photos = _photo_names(session, response.id)
        main.rows.append(
            _main_row(form, response, versions_by_id[response.form_pk], main_columns, photos)
        )
        for repeat in (s for s in form.sections.values() if s.kind == "repeat"):
            _repeat_rows(form, repeat, response, repeats[repeat.name], photos, len(main.rows))
    return [main, *repeats.values()]


def _photo_names(session: Session, response_id: int) -> dict[str, str]:
    rows = session.scalars(select(SurveyMedia).where(SurveyMedia.response_id == response_id))
    return {m.message_id: PurePosixPath(m.stored_path).name for m in rows if m.stored_path}


def _main_row(
    form: Form,
    response: SurveyResponse,
    version: SurveyForm,
    columns: list[str],
    photos: dict[str, str],
) -> list[Any]:
    values: dict[str, Any] = {}
    for question in form.questions.values():
        if question.repeat is None:
            raw = response.answers.get(question.name)
            values.update(zip(_columns(question), _cells(question, raw, photos), strict=True))
    province = geothai.province(response.province_code) if response.province_code else None
    district = geothai.district(response.district_code) if response.district_code else None
    meta = [
        response.id,
        response.uuid,
        _iso(response.submitted_at),
        version.version,
        response.province_code or "",
        province.name_th if province else "",
        response.district_code or "",
        district.name_th if district else "",
        volunteer_code(response.user_id),
    ]
    return [*(values.get(c, "") for c in columns), *meta]


def _repeat_rows(
    form: Form,
    repeat: Section,
    response: SurveyResponse,
    table: Table,
    photos: dict[str, str],
    parent_index: int,
) -> None:
    """One row per instance; `_parent_index` is the interview's row in the main table."""
    columns = table.columns[: -len(REPEAT_META)]
    questions = [q for q in form.questions.values() if q.repeat == repeat.name]
    for instance in response.answers.get(repeat.name) or []:
        values: dict[str, Any] = {}
        for question in questions:
            cells = _cells(question, instance.get(question.name), photos)
            values.update(zip(_columns(question), cells, strict=True))
        meta = [len(table.rows) + 1, parent_index, response.id, response.uuid]
        table.rows.append([*(values.get(c, "") for c in columns), *meta])


def _iso(when: datetime | None) -> str:
    if when is None:
        return ""
    return (when if when.tzinfo else when.replace(tzinfo=UTC)).astimezone(UTC).isoformat()


def write_csv(table: Table, stream: IO[str]) -> int:
    """One table as CSV (UTF-8 with BOM, so Excel reads Thai); returns the rows written."""
    stream.write("\ufeff")
    writer = csv.writer(stream)
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow(csv_row(row))
    return len(table.rows)


def write_xlsx(
    tables: Iterable[Table], stream: IO[bytes], dictionary: SurveyForm | None = None
) -> int:
    """Every table a sheet, then the XLSForm's own sheets as the data dictionary."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    count = 0
    sheets = [(t.name[:31], t.columns, t.rows) for t in tables]
    if dictionary is not None:
        sheets += dictionary_sheets(dictionary)
    for index, (name, header, rows) in enumerate(sheets):
        sheet = workbook.create_sheet(name)
        sheet.append(header)
        for row in rows:
            append_xlsx_row(sheet, row)
        if index == 0:
            count = len(rows)
    workbook.save(stream)
    return count


def dictionary_sheets(form: SurveyForm) -> list[tuple[str, list[str], list[list[str]]]]:
    """The version's survey, choices and settings sheets as loaded, read back by pyxform."""
    from pyxform.xls2json_backends import get_xlsform

    suffix = PurePosixPath(form.source_name).suffix.lower() or None  # ".xlsx", as pyxform names it
    data = get_xlsform(io.BytesIO(form.source), file_type=suffix)
    sheets = []
    for sheet in ("survey", "choices", "settings"):
        rows = getattr(data, sheet) or []
        header_rows = getattr(data, f"{sheet}_header") or [{}]
        header = list(header_rows[0]) if header_rows else []
        sheets.append(
            (f"xlsform_{sheet}", header, [[r.get(h, "") or "" for h in header] for r in rows])
        )
    return sheets


def export_bytes(
    session: Session,
    form_id: str,
    kind: str,
    provinces: Sequence[str] | None = None,
    repeat: str | None = None,
) -> tuple[bytes, int]:
    """The export as a file's bytes, and the number of interviews in it."""
    tables = export_tables(session, form_id, provinces)
    if kind == "csv":
        table = next((t for t in tables if t.name == (repeat or form_id)), None)
        if table is None:
            raise LookupError(f"{form_id} has no repeat {repeat!r}")
        text = io.StringIO()
        write_csv(table, text)
        return text.getvalue().encode("utf-8"), len(tables[0].rows)
    newest = session.scalar(
        select(SurveyForm).where(SurveyForm.form_id == form_id).order_by(SurveyForm.id.desc())
    )
    out = io.BytesIO()
    count = write_xlsx(tables, out, newest)
    return out.getvalue(), count
