"""What the chat leaves out of XLSForm is refused by `asabot surveys check` with the sheet, row
and reason, exactly as surveys/README.md shows it."""

from __future__ import annotations

import re
from pathlib import Path

from bot.surveys.cli import surveys
from tests.surveys.conftest import SHIPPED
from tests.surveys.forms import write_form

DATA = Path(__file__).parent / "data"


def _check(app, folder: Path) -> list[str]:
    result = app.test_cli_runner().invoke(surveys, ["check", "--dir", str(folder)])
    assert result.exit_code == 1
    return result.stderr.splitlines()


def test_check_says_what_the_readme_says_about_each_left_out_feature(app, tmp_path: Path) -> None:
    write_form(tmp_path, "leftovers", (DATA / "leftovers.md").read_text(encoding="utf-8"))
    readme = (SHIPPED / "README.md").read_text(encoding="utf-8")
    block = re.search(r"`check` says:\n\n```\n(.*?)\n```", readme, re.S)
    assert block is not None
    *shown, summary = block.group(1).splitlines()

    said = _check(app, tmp_path)

    assert said[:-1] == shown
    assert said[-1] == f"Error: 21 error(s) in {tmp_path}" and summary.startswith("Error: 21")


def test_files_columns_metadata_and_servers_are_refused_too(app, tmp_path: Path) -> None:
    write_form(tmp_path, "more", (DATA / "leftovers_more.md").read_text(encoding="utf-8"))

    said = "\n".join(_check(app, tmp_path))

    for line in (
        "more.xlsx, survey sheet, row 2: choices from a file (select_one_from_file) are not",
        "more.xlsx, survey sheet, row 3: type `username` is not supported in chat",
        "more.xlsx, survey sheet, row 4: column `read_only` is not supported in chat",
        "more.xlsx, survey sheet, row 5: column `trigger` is not supported in chat",
        "more.xlsx, survey sheet, row 6: column `media` is not supported in chat",
        "more.xlsx, survey sheet, row 7: column `bind` is not supported in chat",
        "more.xlsx, survey sheet, row 8: column `body` is not supported in chat",
        "more.xlsx, settings sheet, row 2: warning: setting `instance_name` is ignored",
        "more.xlsx, settings sheet, row 2: column `submission_url` is not supported in chat",
    ):
        assert line in said, line
