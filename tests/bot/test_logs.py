"""Log lines carry their `extra` fields, and no log call can crash on a reserved name."""

from __future__ import annotations

import ast
import logging
from pathlib import Path

import sqlalchemy as sa

from bot.core.db import make_engine
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


def _formatted(record: logging.LogRecord) -> str:
    return KeyValueFormatter("%(levelname)s %(name)s %(message)s").format(record)


def _failed_insert(engine: sa.Engine, secret: str) -> BaseException:
    """The error of an insert that breaks a NOT NULL constraint, with `secret` bound in it."""
    try:
        with engine.begin() as connection:
            connection.execute(
                sa.text(
                    "INSERT INTO message_log (direction, event_type, text) VALUES (NULL, :t, :x)"
                ),
                {"t": "message.text", "x": secret},
            )
    except sa.exc.DBAPIError as error:
        return error
    raise AssertionError("the insert did not fail")


def _logged(error: BaseException) -> str:
    record = logging.LogRecord(
        "bot.chat.events", logging.ERROR, "f.py", 1, "webhook.event_failed", None,
        (type(error), error, error.__traceback__),
    )  # fmt: skip
    return _formatted(record)


def test_database_errors_do_not_carry_the_bound_values(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        error = _failed_insert(engine, "นายจ้างค้างค่าแรง โทร 0812345678")
    finally:
        engine.dispose()

    assert "[parameters:" not in str(error)  # the engine hides them
    line = _logged(error)  # and PostgreSQL's "Failing row contains (...)" goes in the log
    assert "IntegrityError" in line
    assert "นายจ้างค้างค่าแรง" not in line and "0812345678" not in line


def test_the_formatter_drops_parameters_an_engine_did_not_hide(db_url: str) -> None:
    engine = sa.create_engine(db_url.replace("postgresql://", "postgresql+psycopg://"))
    try:
        error = _failed_insert(engine, "ที่อยู่ 12 หมู่ 3 บ้านนายจ้าง")
    finally:
        engine.dispose()
    assert "บ้านนายจ้าง" in str(error)  # what SQLAlchemy says by default

    line = _logged(error)

    assert "webhook.event_failed" in line and "IntegrityError" in line
    assert "บ้านนายจ้าง" not in line and "[parameters hidden]" in line


def test_phone_numbers_are_masked_in_log_lines_and_their_fields() -> None:
    record = logging.LogRecord(
        "bot.x", logging.WARNING, "f.py", 1, "call back on %s", ("(081) 234 5678",), None
    )
    record.contact = "๐๘๑.๒๓๔.๕๖๗๘"
    record.reference = "AS-2569-000001"

    line = _formatted(record)

    assert "5678" not in line and "๕๖๗๘" not in line
    assert line.count("[เบอร์โทร]") == 2 and "AS-2569-000001" in line  # references are not phones
