"""The real training data trains a model that meets the project's targets on the test sets.

The data lives in intents/data/train (hand-written Thai, train/ms Malay, console-labelled
lines), intents/data/test/test.jsonl (Thai) and test_ms.jsonl (Malay, Rumi and Jawi), never
trained on. The model is trained once per run and shared by the tests that need it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from intents import load_taxonomy
from intents.classifier import IntentClassifier
from intents.dataset import MALAY_TEST_FILE, TEST_FILE, TRAIN_DIR, load_training_data, read_jsonl
from intents.evaluation import evaluate
from intents.pipeline import NLU


@pytest.fixture(scope="module")
def real_model(tmp_path_factory: pytest.TempPathFactory) -> IntentClassifier:
    examples = load_training_data(TRAIN_DIR)
    model = IntentClassifier().train([e.text for e in examples], [e.intent for e in examples])
    assert sorted(model.labels) == sorted(load_taxonomy().ids)
    directory: Path = model.save(tmp_path_factory.mktemp("real-model"))
    return IntentClassifier.load(directory)


@pytest.mark.parametrize("test_file", [TEST_FILE, MALAY_TEST_FILE], ids=["thai", "malay"])
def test_test_sets_are_never_trained_on(test_file: Path) -> None:
    # Exact texts: noise such as "ถถถถ" and "555" may normalise alike without being a leak.
    trained = {e.text.strip() for e in load_training_data(TRAIN_DIR)}
    leaked = [e.text for e in read_jsonl(test_file) if e.text.strip() in trained]
    assert leaked == []


def test_training_data_covers_exactly_the_taxonomy_in_both_languages() -> None:
    examples = load_training_data(TRAIN_DIR)
    assert {e.intent for e in examples} == set(load_taxonomy().ids)
    malay = load_training_data(TRAIN_DIR / "ms")
    assert {e.intent for e in malay} == set(load_taxonomy().ids)
    assert all(len([e for e in malay if e.intent == i]) >= 30 for i in load_taxonomy().ids)


def test_malay_test_set_covers_every_intent_in_rumi_and_jawi() -> None:
    rows = [json.loads(line) for line in MALAY_TEST_FILE.read_text("utf-8").splitlines()]
    assert {r["intent"] for r in rows} == set(load_taxonomy().ids)
    assert {r["intent"] for r in rows if r.get("script") == "jawi"} == set(load_taxonomy().ids)


@pytest.mark.slow
def test_real_model_meets_accuracy_and_macro_f1_targets(real_model: IntentClassifier) -> None:
    report = evaluate(real_model, read_jsonl(TEST_FILE))
    assert report["accuracy"] >= 0.93, report["confused"]
    assert report["macro_f1"] >= 0.92, report["confused"]


@pytest.mark.slow
def test_real_model_understands_malay_in_rumi_and_jawi(real_model: IntentClassifier) -> None:
    # Through the pipeline, as the bot reads it: Jawi is classified by its Rumi reading.
    nlu = NLU(real_model)
    rows = [json.loads(line) for line in MALAY_TEST_FILE.read_text("utf-8").splitlines()]
    right = {"rumi": 0, "jawi": 0}
    seen = {"rumi": 0, "jawi": 0}
    for row in rows:
        script = row.get("script", "rumi")
        seen[script] += 1
        right[script] += nlu.understand(row["text"]).intent == row["intent"]
    accuracy = sum(right.values()) / len(rows)
    assert accuracy >= 0.90, (right, seen)  # measured 0.95; the target is 0.85
    assert right["jawi"] / seen["jawi"] >= 0.85, (right, seen)
    assert sum(nlu.understand(r["text"]).lang == "ms" for r in rows) >= 0.97 * len(rows)
