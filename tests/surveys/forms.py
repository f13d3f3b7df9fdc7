"""XLSForm files for tests, written as pyxform's Markdown tables and saved as .xlsx."""

from __future__ import annotations

from pathlib import Path

from pyxform.xls2json_backends import md_table_to_workbook

# Every question type the chat supports, skip logic, constraints, a calculation and a repeat.
KITCHEN = (Path(__file__).parent / "data" / "kitchen.md").read_text(encoding="utf-8")


def write_form(folder: Path, name: str, markdown: str) -> Path:
    """Save an XLSForm Markdown table as `folder/name.xlsx`, as a field team would hand it in."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.xlsx"
    md_table_to_workbook(markdown).save(path)
    return path


def changed(markdown: str, old: str, new: str) -> str:
    assert old in markdown, old
    return markdown.replace(old, new, 1)
