"""Training and test examples on disk.

train/<intent>.yaml     `intent: <id>` and `examples: [...]` (Thai, written by hand)
train/ms/<intent>.yaml  the same in Malay (Rumi; standard, colloquial and Patani dialect)
train/labelled/*.jsonl  {"text", "intent"} per line (added later by the staff console)
test/test.jsonl         {"text", "intent"} per line, never trained on (Thai)
test/test_ms.jsonl      the same for Malay, Rumi and Jawi, written apart from the training data
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

from .taxonomy import load_taxonomy

DATA_DIR = Path(__file__).parent / "data"
TRAIN_DIR = DATA_DIR / "train"
TEST_FILE = DATA_DIR / "test" / "test.jsonl"
MALAY_TEST_FILE = DATA_DIR / "test" / "test_ms.jsonl"
LANGUAGE_FILE = DATA_DIR / "test" / "language.jsonl"

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    intent: str


def read_jsonl(path: Path, *, strict: bool = True) -> list[Example]:
    """Examples from a JSONL file; strict raises on a bad line, otherwise it is skipped."""
    known = set(load_taxonomy().ids)
    examples: list[Example] = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                text, intent = row["text"], row["intent"]
                if not isinstance(text, str) or intent not in known:
                    raise ValueError(f"intent {intent!r} not in the taxonomy")
            except (ValueError, KeyError, TypeError) as error:
                if strict:
                    raise ValueError(f"{path}:{number}: {error}") from error
                log.warning("intents.dataset.bad_line path=%s line=%d", path, number)
                continue
            examples.append(Example(text, intent))
    return examples


def training_files(train_dir: Path = TRAIN_DIR) -> list[Path]:
    """The files that make up the training set (their times decide if a model is stale)."""
    if not train_dir.is_dir():
        return []
    return (
        sorted(train_dir.glob("*.yaml"))
        + sorted((train_dir / "ms").glob("*.yaml"))
        + sorted((train_dir / "labelled").glob("*.jsonl"))
    )


def load_training_data(train_dir: Path = TRAIN_DIR) -> list[Example]:
    """Every training example; FileNotFoundError when there is none."""
    known = set(load_taxonomy().ids)
    examples: list[Example] = []
    for path in training_files(train_dir):
        if path.suffix == ".jsonl":
            # Staff-labelled lines are checked by the console; one bad line must not stop a train.
            examples.extend(read_jsonl(path, strict=False))
            continue
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        intent = document.get("intent")
        if intent not in known or intent != path.stem:
            raise ValueError(f"{path}: intent {intent!r} must be a taxonomy id and the file name")
        examples.extend(Example(str(text), intent) for text in document.get("examples") or [])
    if not examples:
        raise FileNotFoundError(f"no training examples under {train_dir}")
    return examples


def counts(examples: list[Example]) -> Counter[str]:
    return Counter(e.intent for e in examples)
