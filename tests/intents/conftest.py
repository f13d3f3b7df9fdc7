"""A small classifier trained once on the fixture set, so unit tests stay fast."""

from __future__ import annotations

from pathlib import Path

import pytest

from intents.classifier import IntentClassifier
from intents.dataset import load_training_data
from intents.pipeline import NLU

FIXTURES = Path(__file__).parent / "fixtures"
FIXTURE_TRAIN = FIXTURES / "train"
FIXTURE_TEST = FIXTURES / "test.jsonl"


@pytest.fixture(scope="session")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A model trained on tests/intents/fixtures/train, saved as the CLI would."""
    examples = load_training_data(FIXTURE_TRAIN)
    classifier = IntentClassifier().train([e.text for e in examples], [e.intent for e in examples])
    return classifier.save(tmp_path_factory.mktemp("model"))


@pytest.fixture(scope="session")
def classifier(model_dir: Path) -> IntentClassifier:
    return IntentClassifier.load(model_dir)


@pytest.fixture(scope="session")
def nlu(classifier: IntentClassifier) -> NLU:
    return NLU(classifier)
