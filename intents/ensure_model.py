"""Train the classifier only when it is missing or older than its training data or features.

`python -m intents.ensure_model [--model-dir D]` (the Makefile's `model` target).
"""

from __future__ import annotations

from pathlib import Path

import click

from .classifier import MODEL_ARRAYS, MODEL_JSON
from .cli import default_model_dir, train_model
from .dataset import TRAIN_DIR, training_files

# What turns a text into features: a model built before a change to these is built again.
_PACKAGE = Path(__file__).parent
FEATURE_SOURCES = tuple(
    _PACKAGE / name
    for name in (
        "lexicon.yaml",
        "service_area.yaml",
        "normalize.py",
        "tokenize.py",
        "features.py",
    )
)


def is_stale(model_dir: Path, train_dir: Path = TRAIN_DIR) -> bool:
    """True when a model file is missing, or training data or feature code is newer."""
    paths = [model_dir / MODEL_JSON, model_dir / MODEL_ARRAYS]
    if not all(p.is_file() for p in paths):
        return True
    built = min(p.stat().st_mtime for p in paths)
    sources = [*training_files(train_dir), *(p for p in FEATURE_SOURCES if p.is_file())]
    newest = max((p.stat().st_mtime for p in sources), default=0.0)
    return newest > built


@click.command()
@click.option("--model-dir", type=click.Path(file_okay=False, path_type=Path), default=None)
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), default=None)
def main(model_dir: Path | None, data_dir: Path | None) -> None:
    """Build the intent model if needed."""
    directory = model_dir or default_model_dir()
    train_dir = data_dir or TRAIN_DIR
    if not is_stale(directory, train_dir):
        click.echo(f"intent model in {directory} is up to date")
        return
    try:
        summary = train_model(directory, train_dir)
    except (FileNotFoundError, ValueError) as error:
        raise click.ClickException(str(error)) from error
    click.echo(
        f"trained the intent model on {summary['examples']} examples in"
        f" {summary['seconds']:.2f} s -> {directory}"
    )


if __name__ == "__main__":
    main()
