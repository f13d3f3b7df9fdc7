"""`asabot intents ...`: train, evaluate and use the classifier from a terminal.

A plain click group: the lead attaches it to the `asabot` CLI; nothing here needs Flask.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import click

from .classifier import IntentClassifier
from .dataset import TRAIN_DIR, counts, load_training_data, read_jsonl


def default_model_dir() -> Path:
    """$INTENTS_MODEL_DIR, else var/models/intents under the current directory."""
    return Path(os.environ.get("INTENTS_MODEL_DIR") or Path("var") / "models" / "intents")


_model_dir_option = click.option(
    "--model-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where the model lives [default: $INTENTS_MODEL_DIR or var/models/intents].",
)


def train_model(model_dir: Path, train_dir: Path = TRAIN_DIR) -> dict:
    """Train on everything under train_dir and save into model_dir; returns a summary."""
    started = time.perf_counter()
    examples = load_training_data(train_dir)
    classifier = IntentClassifier().train([e.text for e in examples], [e.intent for e in examples])
    classifier.save(model_dir)
    return {
        "examples": len(examples),
        "intents": dict(sorted(counts(examples).items())),
        "features": classifier.meta["features"],
        "seconds": round(time.perf_counter() - started, 2),
        "model_dir": str(model_dir),
    }


def _load_classifier(model_dir: Path | None) -> IntentClassifier:

    directory = model_dir or default_model_dir()
    try:
        return IntentClassifier.load(directory)
    except FileNotFoundError as error:
        raise click.ClickException(
            f"no model in {directory}: run `asabot intents train` first"
        ) from error


# JSON leaves these unescaped, but str.splitlines() and some readers break lines on them.
_LINE_BREAKS = str.maketrans({"\u2028": "\\u2028", "\u2029": "\\u2029", "\u0085": "\\u0085"})


def _json_line(row: dict) -> bytes:
    return json.dumps(row, ensure_ascii=False).translate(_LINE_BREAKS).encode("utf-8") + b"\n"


@click.group("intents")
def intents() -> None:
    """Thai and Malay intent classifier: train, evaluate, cross-validate, predict."""


@intents.command("train")
@_model_dir_option
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=None,
    help="Training data [default: intents/data/train].",
)
def train_command(model_dir: Path | None, data_dir: Path | None) -> None:
    """Train the classifier on the training data and save it."""
    try:
        summary = train_model(model_dir or default_model_dir(), data_dir or TRAIN_DIR)
    except (FileNotFoundError, ValueError) as error:
        raise click.ClickException(str(error)) from error
    for intent, n in summary["intents"].items():
        click.echo(f"  {intent:<20} {n:>5}")
    click.echo(
        f"trained on {summary['examples']} examples of {len(summary['intents'])} intents,"
        f" {summary['features']} features, in {summary['seconds']:.2f} s"
        f" -> {summary['model_dir']}"
    )


@intents.command("evaluate")
@click.argument("file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@_model_dir_option
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option("--errors", is_flag=True, help="Also list the misclassified examples.")
def evaluate_command(file: Path, model_dir: Path | None, as_json: bool, errors: bool) -> None:
    """Accuracy, macro-F1, per-intent precision/recall and confusions on FILE.jsonl."""
    from .evaluation import evaluate, format_report

    classifier = _load_classifier(model_dir)
    try:
        report = evaluate(classifier, read_jsonl(file))
    except ValueError as error:
        raise click.ClickException(str(error)) from error
    if not errors:
        report.pop("errors")
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False))
        return
    click.echo(format_report(report))
    for e in report.get("errors", []):
        click.echo(f"  [{e['intent']} -> {e['predicted']}] {e['text']}")


@intents.command("cross-validate")
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=None,
    help="Training data [default: intents/data/train].",
)
@click.option("--folds", type=click.IntRange(2, 20), default=5, show_default=True)
def cross_validate_command(data_dir: Path | None, folds: int) -> None:
    """Stratified k-fold accuracy on the training data, overall and per language."""
    from .evaluation import cross_validate

    try:
        report = cross_validate(load_training_data(data_dir or TRAIN_DIR), folds=folds)
    except (FileNotFoundError, ValueError) as error:
        raise click.ClickException(str(error)) from error
    click.echo(json.dumps(report, ensure_ascii=False))


@intents.command("predict")
@_model_dir_option
def predict_command(model_dir: Path | None) -> None:
    """Read messages from stdin, one per line; write one JSON line per message."""
    from .pipeline import NLU

    nlu = NLU(_load_classifier(model_dir))
    source, sink = sys.stdin.buffer, sys.stdout.buffer
    # Bytes in, bytes out: only b"\n" ends a line, so U+2028 or a stray \r in the input can
    # never change how many lines come out, and invalid UTF-8 becomes U+FFFD.
    for raw in source:
        text = raw.removesuffix(b"\n").removesuffix(b"\r").decode("utf-8", errors="replace")
        understanding = nlu.understand(text)
        row = understanding.to_dict()
        row.pop("normalized")
        sink.write(_json_line(row))
        sink.flush()
