"""Log lines carry their `extra` fields, and no log call can crash on a reserved name."""

from __future__ import annotations

import ast
import logging
from pathlib import Path

from bot.core.logs import KeyValueFormatter, reserved_names

ROOT = Path(__file__).resolve().parents[2]


def test_extra_fields_are_written_as_key_value_pairs() -> None:
    record = logging.LogRecord(
        "bot.chat.flows", logging.INFO, "f.py", 1, "flow.started", None, None
    )
    record.flow = "complaint"
    record.step = 2

    line = KeyValueFormatter("%(name)s %(message)s").format(record)

    assert line == "bot.chat.flows flow.started flow='complaint' step=2"


def test_no_log_call_passes_a_reserved_logrecord_name_in_extra() -> None:
    # logging raises KeyError for these, but only when the level is enabled: easy to miss.
    offenders = []
    for path in [
        *ROOT.glob("bot/**/*.py"),
        *ROOT.glob("linesim/**/*.py"),
        *ROOT.glob("intents/**/*.py"),
    ]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            for keyword in node.keywords:
                if keyword.arg == "extra" and isinstance(keyword.value, ast.Dict):
                    for key in keyword.value.keys:
                        if isinstance(key, ast.Constant) and key.value in reserved_names():
                            offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} {key.value}")
    assert offenders == []
