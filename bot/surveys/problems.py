"""What is wrong with a form file, said with the file, sheet and row a person can open."""

from __future__ import annotations

import re
from dataclasses import dataclass

_PYXFORM_ROW = re.compile(r"\[row\s*:\s*(\d+|unknown)\]")
_PYXFORM_SHEET = re.compile(r"'(survey|choices|settings)' sheet")


@dataclass(frozen=True)
class Problem:
    """One finding of `asabot surveys check`; errors stop a form from loading, warnings do not."""

    file: str
    reason: str
    sheet: str | None = None
    row: int | None = None
    error: bool = True

    def __str__(self) -> str:
        where = [self.file]
        if self.sheet:
            where.append(f"{self.sheet} sheet")
        if self.row:
            where.append(f"row {self.row}")
        level = "" if self.error else "warning: "
        return f"{', '.join(where)}: {level}{self.reason}"


class FormErrors(Exception):
    """A form (or folder of forms) that cannot be loaded; `problems` lists every reason."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


def from_pyxform(file: str, message: str, *, error: bool = True) -> Problem:
    """A pyxform error, with the row and sheet it names lifted out of its text."""
    row = _PYXFORM_ROW.search(message)
    sheet = _PYXFORM_SHEET.search(message)
    reason = _PYXFORM_ROW.sub("", message).strip()
    return Problem(
        file,
        f"pyxform: {reason}",
        sheet=sheet.group(1) if sheet else ("survey" if row else None),
        row=int(row.group(1)) if row and row.group(1).isdigit() else None,
        error=error,
    )
