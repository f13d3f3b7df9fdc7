"""The intent ids `content check` and `load` accept: the taxonomy the intents package ships."""

from __future__ import annotations

import os
from pathlib import Path

from intents.taxonomy import TAXONOMY_PATH

from .check import load_taxonomy_ids


def taxonomy_path() -> Path:
    """intents/taxonomy.yaml, unless ASABOT_TAXONOMY names another file."""
    explicit = os.environ.get("ASABOT_TAXONOMY")
    return Path(explicit) if explicit else TAXONOMY_PATH


def taxonomy_ids() -> list[str]:
    return load_taxonomy_ids(taxonomy_path())
