"""The intent taxonomy: the 20 ids every classifier label, training file and article uses."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

TAXONOMY_PATH = Path(__file__).with_name("taxonomy.yaml")


@dataclass(frozen=True, slots=True)
class IntentDef:
    """One intent of the taxonomy: its id, Thai label, scope and seed examples."""

    id: str
    th: str
    scope: str
    examples: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Taxonomy:
    """The whole taxonomy, in file order."""

    version: int
    intents: tuple[IntentDef, ...]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(intent.id for intent in self.intents)

    def label(self, intent_id: str) -> str:
        """The Thai label of an intent (the id itself when unknown)."""
        for intent in self.intents:
            if intent.id == intent_id:
                return intent.th
        return intent_id


def parse_taxonomy(path: Path) -> Taxonomy:
    """Read a taxonomy file; ids must be unique."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    intents = tuple(
        IntentDef(
            id=str(item["id"]),
            th=str(item["th"]),
            scope=str(item.get("scope", "")),
            examples=tuple(str(e) for e in item.get("examples", [])),
        )
        for item in raw["intents"]
    )
    ids = [i.id for i in intents]
    if len(set(ids)) != len(ids):
        raise ValueError(f"{path}: duplicate intent ids")
    return Taxonomy(version=int(raw.get("version", 1)), intents=intents)


@cache
def load_taxonomy() -> Taxonomy:
    """The project's copy of the shared taxonomy (intents/taxonomy.yaml)."""
    return parse_taxonomy(TAXONOMY_PATH)
