"""The intent ids `content check` and `load` accept: the taxonomy the intents package ships."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import yaml

from bot.content.check import load_taxonomy_ids
from intents.taxonomy import TAXONOMY_PATH


def taxonomy_path() -> Path:
    """intents/taxonomy.yaml, unless ASABOT_TAXONOMY names another file."""
    explicit = os.environ.get("ASABOT_TAXONOMY")
    return Path(explicit) if explicit else TAXONOMY_PATH


def taxonomy_ids() -> list[str]:
    return load_taxonomy_ids(taxonomy_path())


@cache
def intent_names() -> dict[str, str]:
    """Intent id -> its Thai name ("social_security" -> "ประกันสังคม")."""
    data = yaml.safe_load(taxonomy_path().read_text(encoding="utf-8"))
    return {str(entry["id"]): str(entry.get("th") or "") for entry in data["intents"]}
