"""The classifier: a ranking of taxonomy ids, saved as plain arrays, loaded without pickle."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import numpy as np
import pytest

from intents.classifier import DEFAULT_CONFIG, IntentClassifier, Ranked
from intents.features import analyze

MESSAGES = [
    "หวัดดีค่ะ",
    "ค่าแรงวันละเท่าไหร่",
    "ปกส ม.33 ได้อะไรบ้าง",
    "AS-2568-000001 ถึงไหนแล้ว",
    "ขอบคุณนะคะ",
    "ฝนตกไหม",
    "",
    "\ufffd\x00",
    "ก" * 10_000,
]


def test_predict_ranks_the_taxonomy_ids_by_confidence(classifier: IntentClassifier) -> None:
    ranking = classifier.predict("ค่าแรงขั้นต่ำยะลาเท่าไหร่คะ", top_k=3)
    assert [type(r) for r in ranking] == [Ranked] * 3
    assert ranking[0].intent == "minimum_wage"
    confidences = [r.confidence for r in ranking]
    assert confidences == sorted(confidences, reverse=True)
    full = classifier.predict("ค่าแรงขั้นต่ำยะลาเท่าไหร่คะ", top_k=100)
    assert len(full) == len(classifier.labels)
    assert sum(r.confidence for r in full) == pytest.approx(1.0)


def test_fixture_model_understands_unseen_phrasings(classifier: IntentClassifier) -> None:
    assert classifier.predict("สวัสดีครับบบบ")[0].intent == "greeting"
    assert classifier.predict("ขอบคุณมากๆค่ะ")[0].intent == "thanks_goodbye"
    assert classifier.predict("ประกันสังคมม.40 เท่าไร")[0].intent == "social_security"


def test_save_and_load_give_identical_predictions(
    classifier: IntentClassifier, tmp_path: Path
) -> None:
    classifier.save(tmp_path)
    again = IntentClassifier.load(tmp_path)
    assert again.labels == classifier.labels
    for text in MESSAGES:
        assert again.predict(text, top_k=20) == classifier.predict(text, top_k=20)


def test_model_files_are_json_and_plain_arrays(model_dir: Path) -> None:
    assert sorted(p.name for p in model_dir.iterdir()) == ["model.json", "model.npz"]
    document = json.loads((model_dir / "model.json").read_text(encoding="utf-8"))
    assert document["config"]["random_state"] == DEFAULT_CONFIG["random_state"]
    with np.load(model_dir / "model.npz", allow_pickle=False) as arrays:
        assert all(arrays[name].dtype != object for name in arrays.files)


def test_load_never_unpickles(model_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a model load must not unpickle anything")

    monkeypatch.setattr(pickle, "load", refuse)
    monkeypatch.setattr(pickle, "loads", refuse)
    monkeypatch.setattr(pickle, "Unpickler", refuse)
    loaded = IntentClassifier.load(model_dir)
    assert loaded.predict("สวัสดีค่ะ")[0].intent == "greeting"


def test_an_object_array_in_the_model_file_is_refused(model_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "model.json").write_bytes((model_dir / "model.json").read_bytes())
    np.savez(tmp_path / "model.npz", char_idf=np.array([object()], dtype=object))
    with pytest.raises(ValueError, match="allow_pickle"):
        IntentClassifier.load(tmp_path)


def test_a_missing_model_is_file_not_found(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        IntentClassifier.load(tmp_path / "nothing")


def test_training_is_deterministic(tmp_path: Path) -> None:
    texts = ["สวัสดีครับ", "หวัดดีค่ะ", "ขอบคุณครับ", "ขอบใจจ้า", "ค่าแรงเท่าไหร่", "ค่าจ้างขั้นต่ำ"]
    labels = ["greeting", "greeting", "thanks_goodbye", "thanks_goodbye"] + ["minimum_wage"] * 2
    first = IntentClassifier().train(texts, labels)
    second = IntentClassifier().train(texts, labels)
    assert np.array_equal(first.coef, second.coef)


def test_two_intents_still_give_a_proper_softmax() -> None:
    model = IntentClassifier().train(
        ["สวัสดีครับ", "หวัดดีค่ะ", "ขอบคุณครับ", "ขอบใจจ้า"],
        ["greeting", "greeting", "thanks_goodbye", "thanks_goodbye"],
    )
    ranking = model.predict("สวัสดี", top_k=2)
    assert ranking[0].intent == "greeting"
    assert sum(r.confidence for r in ranking) == pytest.approx(1.0)


def test_labels_must_be_taxonomy_ids() -> None:
    with pytest.raises(ValueError, match="not in the taxonomy"):
        IntentClassifier().train(["a", "b"], ["greeting", "weather"])
    with pytest.raises(ValueError, match="unknown classifier settings"):
        IntentClassifier({"penalty": "l1"})


def test_untrained_classifier_says_so() -> None:
    model = IntentClassifier()
    assert not model.is_trained
    with pytest.raises(RuntimeError):
        model.predict("สวัสดี")


def test_our_tfidf_is_scikit_learns_arithmetic(classifier: IntentClassifier) -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    docs = ["ค่าแรงขั้นต่ำปัตตานี", "ประกันสังคมมาตรา 40 ค่ะ", "สวัสดีครับ ok"]
    terms = [analyze(d, classifier.config).chars for d in docs]
    reference = TfidfVectorizer(analyzer=lambda x: x, sublinear_tf=True, lowercase=False)
    expected = reference.fit_transform(terms).toarray()
    from intents.features import Block

    block = Block.fit(terms, min_df=1)
    assert block.terms == list(reference.get_feature_names_out())
    for row, t in zip(expected, terms, strict=True):
        idx, weights = block.vector(t)
        ours = np.zeros(len(block))
        ours[idx] = weights
        assert np.allclose(ours, row)


def test_abbreviations_share_features_with_their_full_form(classifier: IntentClassifier) -> None:
    short = analyze("ปกส.", classifier.config)
    full = analyze("ประกันสังคม", classifier.config)
    assert set(full.words) <= set(short.words)
