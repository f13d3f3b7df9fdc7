"""Labelled examples from the console into the training data `asabot intents train` reads.

One JSON line {"text", "intent"} per label in INTENTS_LABELLED_DIR/console.jsonl, appended under
an exclusive lock so two workers never interleave their lines.
"""

from __future__ import annotations

import fcntl
import json
from pathlib import Path

from sqlalchemy.orm import Session

from bot.admin.models import IntentLabel, StaffUser
from bot.chat.models import MessageLog

LABELLED_FILE = "console.jsonl"


class LabelError(ValueError):
    """The label cannot be taken; the message is safe to show to staff."""


def label_message(
    session: Session,
    message: MessageLog,
    intent: str,
    *,
    known_intents: set[str],
    staff: StaffUser,
    labelled_dir: Path,
) -> IntentLabel:
    """Record the label and append the example to the training data, or neither."""
    if intent not in known_intents:
        raise LabelError("ไม่มีหัวข้อนี้ในรายการค่ะ")
    if not message.text:
        raise LabelError("ข้อความนี้ไม่มีตัวอักษรให้ใช้ฝึกค่ะ")
    label = IntentLabel(message_id=message.id, text=message.text, intent=intent, staff_id=staff.id)
    session.add(label)
    session.flush()  # a second label of the same message fails here, before the file is touched
    append_example(labelled_dir / LABELLED_FILE, message.text, intent)
    return label


def append_example(path: Path, text: str, intent: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps({"text": text, "intent": intent}, ensure_ascii=False) + "\n"
    with path.open("a", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            handle.write(line)
            handle.flush()
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
