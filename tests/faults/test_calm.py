"""The yardstick: with no fault at all, the harness counts every complaint, line and reply once."""

from __future__ import annotations

from .flows import file_complaint, new_person, settle, tally


def test_without_faults_every_complaint_line_and_reply_arrives_once(calm_stack, engine) -> None:
    person = new_person(calm_stack.sim, 1, "ca1")
    receipt = file_complaint(person)
    settle(calm_stack.sim, quiet_seconds=1.0)
    assert "AS-" in receipt
    result = tally(engine, calm_stack.sim, [person])
    assert result.exact(), result
    assert result.steps_unanswered == 0
