"""The real training data trains a model that meets the project's targets on the test set.

The data lives in intents/data/train (hand-written, plus console-labelled lines) and
intents/data/test/test.jsonl (never trained on).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from intents import load_taxonomy
from intents.classifier import IntentClassifier
from intents.dataset import TEST_FILE, TRAIN_DIR, load_training_data, read_jsonl
from intents.evaluation import evaluate


def test_test_set_is_never_trained_on() -> None:
    # Exact texts: noise such as "ถถถถ" and "555" may normalise alike without being a leak.
    trained = {e.text.strip() for e in load_training_data(TRAIN_DIR)}
    leaked = [e.text for e in read_jsonl(TEST_FILE) if e.text.strip() in trained]
    assert leaked == []


def test_training_data_covers_exactly_the_taxonomy() -> None:
    intents = {e.intent for e in load_training_data(TRAIN_DIR)}
    assert intents == set(load_taxonomy().ids)


@pytest.mark.slow
def test_real_model_meets_accuracy_and_macro_f1_targets(tmp_path: Path) -> None:
    examples = load_training_data(TRAIN_DIR)
    model = IntentClassifier().train([e.text for e in examples], [e.intent for e in examples])
    assert sorted(model.labels) == sorted(load_taxonomy().ids)
    model.save(tmp_path)
    report = evaluate(IntentClassifier.load(tmp_path), read_jsonl(TEST_FILE))
    assert report["accuracy"] >= 0.93, report["confused"]
    assert report["macro_f1"] >= 0.92, report["confused"]
