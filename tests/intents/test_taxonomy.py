"""The project's taxonomy is the shared spec, and the classifier speaks only its ids."""

from __future__ import annotations

from pathlib import Path

import yaml

from intents import load_taxonomy
from intents.taxonomy import TAXONOMY_PATH

REPO_ROOT = Path(__file__).resolve().parents[2]
SHARED_SPEC = REPO_ROOT.parent / "shared" / "spec" / "intents.yaml"


def test_taxonomy_copy_equals_the_shared_spec() -> None:
    assert SHARED_SPEC.is_file(), f"the shared spec should sit beside the repo: {SHARED_SPEC}"
    shared = yaml.safe_load(SHARED_SPEC.read_text(encoding="utf-8"))
    ours = yaml.safe_load(TAXONOMY_PATH.read_text(encoding="utf-8"))
    assert ours == shared
    # Comments too: copy the file again (cp ../shared/spec/intents.yaml intents/taxonomy.yaml).
    assert TAXONOMY_PATH.read_bytes() == SHARED_SPEC.read_bytes()


def test_taxonomy_has_the_twenty_ids_with_thai_labels() -> None:
    taxonomy = load_taxonomy()
    assert len(taxonomy.ids) == 20
    assert len(set(taxonomy.ids)) == 20
    assert "out_of_scope" in taxonomy.ids and "complaint_file" in taxonomy.ids
    assert all(intent.th for intent in taxonomy.intents)
    assert taxonomy.label("minimum_wage") == "ค่าจ้างขั้นต่ำ"
