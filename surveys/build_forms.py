"""Write the shipped XLSForm workbooks (surveys/*.xlsx) from their text in surveys/source/*.md.

The .xlsx files are what `asabot surveys load` reads and what field teams open in Excel or
LibreOffice. Each one's text is kept in source/ as an XLSForm Markdown table (pyxform's own
format, one row per line) so a change reads as a diff in review. Edit the .md, then:

    python surveys/build_forms.py        # writes surveys/<form>.xlsx from source/<form>.md
    asabot surveys check                 # checks the folder as the bot will load it

tests/surveys/test_shipped_forms.py holds each .xlsx equal to its .md.
"""

from __future__ import annotations

import sys
from pathlib import Path

from pyxform.xls2json_backends import md_table_to_workbook

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "source"


def build(source: Path, folder: Path = HERE) -> Path:
    """source/<form>.md -> <folder>/<form>.xlsx, sheet for sheet and row for row."""
    target = folder / f"{source.stem}.xlsx"
    md_table_to_workbook(source.read_text(encoding="utf-8")).save(target)
    return target


def main(argv: list[str]) -> int:
    folder = Path(argv[1]) if len(argv) > 1 else HERE
    for source in sorted(SOURCES.glob("*.md")):
        print(build(source, folder))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
