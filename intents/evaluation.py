"""Measure a classifier on labelled examples: accuracy, macro-F1, per intent, confusions."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from .classifier import IntentClassifier
from .dataset import Example


def evaluate(classifier: IntentClassifier, examples: Sequence[Example]) -> dict[str, Any]:
    """The report `asabot intents evaluate` prints, as one JSON-ready dict."""
    from sklearn.metrics import accuracy_score, precision_recall_fscore_support

    if not examples:
        raise ValueError("nothing to evaluate")
    gold = [e.intent for e in examples]
    predicted = [classifier.predict(e.text, top_k=1)[0].intent for e in examples]
    labels = sorted(set(gold) | set(predicted))
    precision, recall, f1, support = precision_recall_fscore_support(
        gold, predicted, labels=labels, zero_division=0
    )
    confused = Counter((g, p) for g, p in zip(gold, predicted, strict=True) if g != p)
    return {
        "examples": len(examples),
        "accuracy": round(float(accuracy_score(gold, predicted)), 4),
        "macro_f1": round(float(sum(f1) / len(labels)), 4),
        "per_intent": {
            label: {
                "precision": round(float(p), 4),
                "recall": round(float(r), 4),
                "f1": round(float(f), 4),
                "support": int(s),
            }
            for label, p, r, f, s in zip(labels, precision, recall, f1, support, strict=True)
        },
        "confused": [
            {"intent": g, "predicted": p, "count": n} for (g, p), n in confused.most_common(10)
        ],
        "errors": [
            {"text": e.text, "intent": e.intent, "predicted": p}
            for e, p in zip(examples, predicted, strict=True)
            if e.intent != p
        ],
    }


def format_report(report: dict[str, Any]) -> str:
    """The report as a few lines of text for a terminal."""
    lines = [
        f"examples  {report['examples']}",
        f"accuracy  {report['accuracy']:.4f}",
        f"macro-F1  {report['macro_f1']:.4f}",
        "",
        f"{'intent':<20} {'precision':>9} {'recall':>7} {'f1':>6} {'n':>4}",
    ]
    for label, row in report["per_intent"].items():
        lines.append(
            f"{label:<20} {row['precision']:>9.3f} {row['recall']:>7.3f} {row['f1']:>6.3f}"
            f" {row['support']:>4}"
        )
    if report["confused"]:
        lines += ["", "most confused (intent -> predicted: count)"]
        lines += [f"  {c['intent']} -> {c['predicted']}: {c['count']}" for c in report["confused"]]
    return "\n".join(lines)


def cross_validate(
    examples: Sequence[Example], folds: int = 5, seed: int = 42, config: dict | None = None
) -> dict[str, Any]:
    """Stratified k-fold accuracy on training examples (all, and per detected language)."""
    from sklearn.model_selection import StratifiedKFold

    from .language import detect_language

    texts = [e.text for e in examples]
    labels = [e.intent for e in examples]
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    languages = [detect_language(t) for t in texts]
    right: Counter[str] = Counter()
    seen = Counter(languages)
    per_fold = []
    for train_idx, test_idx in splitter.split(texts, labels):
        model = IntentClassifier(config).train(
            [texts[i] for i in train_idx], [labels[i] for i in train_idx]
        )
        hits = [i for i in test_idx if model.predict(texts[i], top_k=1)[0].intent == labels[i]]
        per_fold.append(round(len(hits) / len(test_idx), 4))
        right.update(languages[i] for i in hits)
    return {
        "examples": len(examples),
        "folds": folds,
        "accuracy": round(sum(right.values()) / len(examples), 4),
        "per_fold": per_fold,
        "by_language": {lang: round(right[lang] / n, 4) for lang, n in sorted(seen.items())},
    }
