"""The intent classifier: TF-IDF char n-grams and words, multinomial logistic regression.

Shaped like Rasa's LogisticRegressionClassifier: DEFAULT_CONFIG, train, predict (a ranking),
save/load, is_trained. scikit-learn only fits the weights; the saved model is a JSON file and
an .npz of plain arrays read with allow_pickle=False, so loading a model never runs code.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .features import Analyzed, Block, analyze
from .taxonomy import load_taxonomy

FORMAT = 1
MODEL_JSON = "model.json"
MODEL_ARRAYS = "model.npz"

DEFAULT_CONFIG: dict[str, Any] = {
    # features
    "char_ngram_min": 1,
    "char_ngram_max": 4,
    "word_bigrams": False,
    "min_df": 1,
    "char_weight": 1.0,
    "word_weight": 1.0,
    # scikit-learn LogisticRegression, pinned (penalty is l2 through l1_ratio=0)
    "C": 10.0,
    "l1_ratio": 0.0,
    "solver": "lbfgs",
    "max_iter": 2000,
    "tol": 1e-4,
    "class_weight": "balanced",
    "fit_intercept": True,
    "random_state": 42,
}


@dataclass(frozen=True, slots=True)
class Ranked:
    """One intent of a ranking with the classifier's confidence in it."""

    intent: str
    confidence: float

    def to_dict(self) -> dict[str, Any]:
        return {"intent": self.intent, "confidence": round(self.confidence, 4)}


class IntentClassifier:
    """Train on (text, intent id) pairs; predict a ranking of intent ids for a message."""

    def __init__(self, config: dict[str, Any] | None = None) -> None:
        unknown = set(config or {}) - set(DEFAULT_CONFIG)
        if unknown:
            raise ValueError(f"unknown classifier settings: {sorted(unknown)}")
        self.config = {**DEFAULT_CONFIG, **(config or {})}
        self.labels: list[str] = []
        self.chars: Block | None = None
        self.words: Block | None = None
        self.coef = np.zeros((0, 0))  # (features, labels): a feature's row is one gather
        self.intercept = np.zeros(0)
        self.meta: dict[str, Any] = {}

    @property
    def is_trained(self) -> bool:
        return bool(self.labels) and self.chars is not None and self.words is not None

    def train(self, texts: Sequence[str], labels: Sequence[str]) -> IntentClassifier:
        """Fit on the examples; every label must be a taxonomy id."""
        from scipy.sparse import csr_matrix
        from sklearn.linear_model import LogisticRegression

        if len(texts) != len(labels) or not texts:
            raise ValueError("need as many labels as texts, and at least one of each")
        known = set(load_taxonomy().ids)
        strays = sorted(set(labels) - known)
        if strays:
            raise ValueError(f"labels not in the taxonomy: {strays}")
        if len(set(labels)) < 2:
            raise ValueError("need examples of at least two intents")
        started = time.perf_counter()
        analyzed = [analyze(t, self.config) for t in texts]
        self.chars = Block.fit((a.chars for a in analyzed), self.config["min_df"])
        self.words = Block.fit((a.words for a in analyzed), self.config["min_df"])
        rows, cols, vals = [], [], []
        for r, a in enumerate(analyzed):
            idx, w = self._vector(a)
            rows.append(np.full(len(idx), r))
            cols.append(idx)
            vals.append(w)
        width = len(self.chars) + len(self.words)
        x = csr_matrix(
            (np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
            shape=(len(analyzed), width),
        )
        model = LogisticRegression(
            C=self.config["C"],
            l1_ratio=self.config["l1_ratio"],
            solver=self.config["solver"],
            max_iter=self.config["max_iter"],
            tol=self.config["tol"],
            class_weight=self.config["class_weight"],
            fit_intercept=self.config["fit_intercept"],
            random_state=self.config["random_state"],
        )
        model.fit(x, list(labels))
        self.labels = [str(c) for c in model.classes_]
        coef = np.asarray(model.coef_, dtype=np.float64)
        intercept = np.asarray(model.intercept_, dtype=np.float64)
        if len(self.labels) == 2:
            # scikit-learn keeps one row for two classes; spell out both for the softmax.
            coef = np.vstack([-coef[0] / 2, coef[0] / 2])
            intercept = np.array([-intercept[0] / 2, intercept[0] / 2])
        self.coef = np.ascontiguousarray(coef.T)
        self.intercept = intercept
        self.meta = {
            "examples": len(texts),
            "features": width,
            "train_seconds": round(time.perf_counter() - started, 3),
            "iterations": int(np.max(model.n_iter_)),
        }
        return self

    def _vector(self, analyzed: Analyzed) -> tuple[np.ndarray, np.ndarray]:
        assert self.chars is not None and self.words is not None
        ci, cw = self.chars.vector(analyzed.chars)
        wi, ww = self.words.vector(analyzed.words)
        return (
            np.concatenate([ci, wi + len(self.chars)]),
            np.concatenate([cw * self.config["char_weight"], ww * self.config["word_weight"]]),
        )

    def probabilities(self, analyzed: Analyzed) -> np.ndarray:
        """Softmax over the labels for an analysed message."""
        idx, weights = self._vector(analyzed)
        scores = self.intercept + weights @ self.coef[idx]
        scores = np.exp(scores - scores.max())
        return np.asarray(scores / scores.sum())

    def predict(self, text: str, top_k: int = 5, *, normalized: str | None = None) -> list[Ranked]:
        """The top_k intents for a message, most likely first."""
        if not self.is_trained:
            raise RuntimeError("the classifier is not trained: run `asabot intents train`")
        probs = self.probabilities(analyze(text, self.config, normalized=normalized))
        order = np.argsort(-probs, kind="stable")[: max(1, top_k)]
        return [Ranked(self.labels[i], float(probs[i])) for i in order]

    def save(self, model_dir: str | Path) -> Path:
        """Write model.json and model.npz into model_dir (each replaced atomically)."""
        if not self.is_trained:
            raise RuntimeError("nothing to save: the classifier is not trained")
        assert self.chars is not None and self.words is not None
        directory = Path(model_dir)
        directory.mkdir(parents=True, exist_ok=True)
        document = {
            "format": FORMAT,
            "kind": "asabot.intents.IntentClassifier",
            "config": self.config,
            "labels": self.labels,
            "char_vocabulary": self.chars.terms,
            "word_vocabulary": self.words.terms,
            "meta": self.meta,
        }
        with tempfile.NamedTemporaryFile(dir=directory, suffix=".npz", delete=False) as f:
            np.savez(
                f,
                char_idf=self.chars.idf,
                word_idf=self.words.idf,
                coef=self.coef,
                intercept=self.intercept,
            )
        os.chmod(f.name, 0o644)  # temporary files are private; a model is read by the bot
        os.replace(f.name, directory / MODEL_ARRAYS)
        with tempfile.NamedTemporaryFile(
            "w", dir=directory, suffix=".json", delete=False, encoding="utf-8"
        ) as g:
            json.dump(document, g, ensure_ascii=False)
        os.chmod(g.name, 0o644)
        os.replace(g.name, directory / MODEL_JSON)
        return directory

    @classmethod
    def load(cls, model_dir: str | Path) -> IntentClassifier:
        """Rebuild a saved classifier; FileNotFoundError when there is none."""
        directory = Path(model_dir)
        document = json.loads((directory / MODEL_JSON).read_text(encoding="utf-8"))
        if document.get("format") != FORMAT:
            raise ValueError(f"{directory}: model format {document.get('format')!r} unknown")
        with np.load(directory / MODEL_ARRAYS, allow_pickle=False) as arrays:
            char_idf, word_idf = arrays["char_idf"], arrays["word_idf"]
            coef, intercept = arrays["coef"], arrays["intercept"]
        labels = [str(label) for label in document["labels"]]
        chars, words = document["char_vocabulary"], document["word_vocabulary"]
        if (
            len(char_idf) != len(chars)
            or len(word_idf) != len(words)
            or coef.shape != (len(chars) + len(words), len(labels))
            or intercept.shape != (len(labels),)
        ):
            raise ValueError(f"{directory}: model arrays do not fit its vocabularies")
        config = {k: v for k, v in document["config"].items() if k in DEFAULT_CONFIG}
        model = cls(config)
        model.labels = labels
        model.chars = Block(chars, char_idf)
        model.words = Block(words, word_idf)
        model.coef = np.ascontiguousarray(coef, dtype=np.float64)
        model.intercept = np.asarray(intercept, dtype=np.float64)
        model.meta = dict(document.get("meta", {}))
        return model
