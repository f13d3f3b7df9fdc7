"""Fallback: accept a clear winner, ask when unsure or torn, say what is in scope otherwise."""

from __future__ import annotations

import pytest

from intents.classifier import Ranked
from intents.fallback import Decision, FallbackPolicy

POLICY = FallbackPolicy(threshold=0.5, ambiguity_gap=0.1)


def ranking(*pairs: tuple[str, float]) -> list[Ranked]:
    return [Ranked(intent, confidence) for intent, confidence in pairs]


def test_a_confident_clear_winner_is_accepted() -> None:
    decision = POLICY.decide(ranking(("minimum_wage", 0.8), ("labour_protection", 0.1)))
    assert decision == Decision("accept", "minimum_wage", 0.8)


def test_below_the_threshold_the_bot_asks_with_the_top_candidates() -> None:
    decision = POLICY.decide(
        ranking(
            ("social_security", 0.35),
            ("workplace_safety", 0.2),
            ("out_of_scope", 0.15),
            ("labour_protection", 0.12),
            ("job_search", 0.1),
            ("greeting", 0.02),
        )
    )
    assert decision.kind == "clarify"
    assert [c.intent for c in decision.candidates] == [
        "social_security",
        "workplace_safety",
        "labour_protection",
    ]


def test_two_intents_within_the_gap_are_asked_about_even_when_confident() -> None:
    decision = POLICY.decide(ranking(("complaint_file", 0.52), ("complaint_status", 0.45)))
    assert decision.kind == "clarify"
    assert [c.intent for c in decision.candidates] == ["complaint_file", "complaint_status"]


def test_confident_out_of_scope_gets_the_polite_answer() -> None:
    decision = POLICY.decide(ranking(("out_of_scope", 0.9), ("greeting", 0.05)))
    assert decision.kind == "out_of_scope"
    assert decision.candidates == ()


def test_out_of_scope_torn_with_a_real_intent_offers_only_the_real_one() -> None:
    decision = POLICY.decide(
        ranking(("out_of_scope", 0.5), ("job_search", 0.45), ("greeting", 0.05))
    )
    assert decision.kind == "clarify"
    assert [c.intent for c in decision.candidates] == ["job_search"]


def test_nothing_worth_offering_is_out_of_scope() -> None:
    flat = ranking(("out_of_scope", 0.3), *((f"x{i}", 0.03) for i in range(20)))
    assert POLICY.decide(flat).kind == "out_of_scope"
    assert POLICY.decide([]).kind == "out_of_scope"


def test_decisions_serialise() -> None:
    decision = POLICY.decide(ranking(("complaint_file", 0.52), ("complaint_status", 0.45)))
    assert decision.to_dict()["candidates"][1] == {"intent": "complaint_status", "confidence": 0.45}


def test_policy_settings_are_checked() -> None:
    with pytest.raises(ValueError):
        FallbackPolicy(threshold=1.5)
