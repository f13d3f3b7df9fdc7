"""Each flow's Mermaid diagram shows exactly the states and moves its state table declares.

The engine refuses at run time any move a table does not declare, so diagram, table and code
cannot drift apart. The diagram sits beside the flow's module as `<flow name>_flow.mmd`.
"""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from bot.chat.flows.engine import Flow
from bot.chat.registry import FLOWS

_ARROW = re.compile(r"^(\[\*\]|\w+)\s*-->\s*(\[\*\]|\w+)\s*(?::.*)?$")
_IGNORED = re.compile(r"^(?:%%|stateDiagram-v2$|note\s)")


def diagram_of(flow: type[Flow]) -> Path:
    return Path(inspect.getfile(flow)).with_name(f"{flow.name}_flow.mmd")


def parse_moves(text: str) -> set[tuple[str, str]]:
    """The (from, to) pairs of a state diagram's arrows; any other line but a comment or note
    fails, so nothing the test cannot read hides in the diagram."""
    moves = set()
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or _IGNORED.match(line):
            continue
        arrow = _ARROW.match(line)
        assert arrow, f"line {number} is not an arrow, note or comment: {line!r}"
        moves.add((arrow.group(1), arrow.group(2)))
    return moves


def test_the_parser_reads_arrows_with_and_without_labels_and_refuses_the_rest() -> None:
    text = "%% c\nstateDiagram-v2\n    [*] --> A: go\n    A --> B\n    note right of B: x\n"
    assert parse_moves(text) == {("[*]", "A"), ("A", "B")}
    with pytest.raises(AssertionError, match="line 1"):
        parse_moves("state A {")


@pytest.mark.parametrize("flow", FLOWS, ids=lambda f: f.name)
def test_the_diagram_shows_every_declared_move_and_no_other(flow: type[Flow]) -> None:
    drawn = parse_moves(diagram_of(flow).read_text(encoding="utf-8"))
    declared = flow().transitions()
    assert drawn - declared == set(), "drawn but not declared in the state table"
    assert declared - drawn == set(), "declared in the state table but not drawn"


@pytest.mark.parametrize("flow", FLOWS, ids=lambda f: f.name)
def test_the_diagram_names_every_state_of_the_flow(flow: type[Flow]) -> None:
    drawn = parse_moves(diagram_of(flow).read_text(encoding="utf-8"))
    named = {state for move in drawn for state in move} - {"[*]"}
    assert named == {state.name for state in flow.states}
