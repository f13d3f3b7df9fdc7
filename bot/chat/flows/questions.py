"""Questions typed in the middle of a flow: when a text is a question to answer first, and when
it is a topic the open state can take as its answer. Used by the engine (`engine.py`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from bot.chat.dispatch import Turn
from bot.chat.flows.flow import Flow, FlowContext, Step
from bot.chat.flows.inputs import looks_like_question

if TYPE_CHECKING:
    from intents.pipeline import Understanding

# In a flow a text is far more often an answer than a question, so the bar is well above the
# NLU's own 0.3. On the held-out test questions 0.7 still answers two in three and misreads one
# in three hundred (0.3: one in thirty); a question missed only costs the question again.
INTERRUPT_CONFIDENCE = 0.7
# Answering these would drop the question for nothing: "สวัสดีค่ะ" or "โอเค" is an answer that
# did not fit, and is asked again.
SMALL_TALK_INTENTS = frozenset({"greeting", "thanks_goodbye", "out_of_scope"})


def question_in_story(turn: Turn, flows: Iterable[Flow], text: str) -> str | None:
    """A question asked while telling a story: only a plain one, about something else.

    Anything a story step reads is kept in the draft, and a line of the story lost to a
    misread question is worse than a question answered after the flow; so the text must
    look like a short question, and one that would start a flow (and drop this draft) is not
    one here.
    """
    if not looks_like_question(text):
        return None
    understanding = confident_understanding(turn, text)
    return answerable_intent(turn, understanding, flows, may_start_a_flow=False)

def confident_understanding(turn: Turn, text: str) -> Understanding | None:
    """The NLU's reading of a text typed in a flow, when it is clear and not small talk."""
    nlu = turn.services.nlu
    if nlu is None:
        return None
    understanding = nlu.understand(text)
    if understanding.decision.kind != "accept":
        return None
    if understanding.confidence < INTERRUPT_CONFIDENCE:
        return None
    if understanding.intent in SMALL_TALK_INTENTS:
        return None
    return understanding

def topic_as_answer(
    flow: Flow, ctx: FlowContext, understanding: Understanding | None
) -> Step | None:
    """A text the state did not read, clearly about a topic and not a question: the flow
    may take it as its answer (a problem typed where its kind was asked)."""
    if understanding is None or looks_like_question(ctx.input.text):
        return None
    step = flow.on_topic(flow.states[ctx.draft.state], ctx, understanding.intent)
    if step is not None:
        turn = ctx.turn
        turn.intent, turn.confidence = understanding.intent, understanding.confidence
        turn.decision = "in_flow"
    return step

def answerable_intent(
    turn: Turn,
    understanding: Understanding | None,
    flows: Iterable[Flow],
    *,
    may_start_a_flow: bool = True,
) -> str | None:
    """A question asked in the middle of a flow: only a clear, answerable one counts."""
    if understanding is None or turn.dispatcher is None:
        return None
    intent: str = understanding.intent
    if not may_start_a_flow and any(intent in f.start_intents for f in flows):
        return None
    if not turn.dispatcher.handles_intent(intent):
        return None
    turn.intent, turn.confidence = intent, understanding.confidence
    turn.decision = "in_flow"
    return intent
