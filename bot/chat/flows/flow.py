"""What a flow is written against: the `Flow` base class, the context its handlers get, fixed
answers (`Choice`) and the `Step` a handler returns. `engine.py` explains how to define a flow.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from linebot.v3.messaging import (
    Action,
    PostbackAction,
    QuickReply,
    QuickReplyItem,
    TextMessage,
)
from linebot.v3.messaging.models import Message

from bot.chat.dispatch import Turn
from bot.chat.flows.drafts import Draft
from bot.chat.flows.inputs import Input, flow_postback, fold

END = None  # Step(END) finishes the flow and forgets the draft
CANCEL_LABEL = "ยกเลิก"
MAX_QUICK_REPLIES = 13


@dataclass(frozen=True)
class Choice:
    """A fixed answer: `value` goes in the postback, `label` on the button (max 20 characters)."""

    value: str
    label: str
    synonyms: tuple[str, ...] = ()

    def matches(self, text: str) -> bool:
        wanted = fold(text)
        return wanted == fold(self.label) or any(wanted == fold(s) for s in self.synonyms)


@dataclass
class Step:
    """A handler's answer: the next state (END to finish), messages before its prompt."""

    state: enum.Enum | None
    messages: list[Message] = field(default_factory=list)
    ask: bool = True  # append the next state's prompt


@dataclass
class FlowContext:
    """What a flow handler gets: the turn, its draft (mutable `data`) and the input."""

    turn: Turn
    flow: Flow
    draft: Draft
    input: Input

    @property
    def data(self) -> dict[str, Any]:
        return self.draft.data

    def button(self, label: str, value: str) -> PostbackAction:
        """A postback button bound to this draft, so it cannot act on another one."""
        return PostbackAction(
            label=label[:20],
            data=flow_postback(self.flow.name, self.draft.id, value),
            display_text=label,
        )

    def quick_reply(
        self, choices: Sequence[Choice] = (), extra: Sequence[Action] = (), cancel: bool = True
    ) -> QuickReply:
        actions: list[Action] = [*extra, *(self.button(c.label, c.value) for c in choices)]
        actions = actions[: MAX_QUICK_REPLIES - int(cancel)]  # ยกเลิก is always there
        if cancel:
            actions.append(self.button(CANCEL_LABEL, "cancel"))
        return QuickReply(items=[QuickReplyItem(action=a) for a in actions])

    def ask(
        self,
        text: str,
        choices: Sequence[Choice] = (),
        extra: Sequence[Action] = (),
        cancel: bool = True,
    ) -> TextMessage:
        """A question with its answers (and ยกเลิก) as quick replies."""
        return TextMessage(text=text, quick_reply=self.quick_reply(choices, extra, cancel))

    def choice(self, choices: Sequence[Choice]) -> str | None:
        """The value picked, whether the button was tapped or its label typed."""
        if self.input.kind == "choice":
            return next((c.value for c in choices if c.value == self.input.value), None)
        if self.input.kind == "text":
            return next((c.value for c in choices if c.matches(self.input.text)), None)
        return None


class Flow:
    """A guided conversation. Subclasses set the class attributes and define the handlers."""

    name: ClassVar[str]
    title: ClassVar[str]
    states: ClassVar[type[enum.Enum]]
    first: ClassVar[enum.Enum]
    start_intents: ClassVar[tuple[str, ...]] = ()
    ttl_seconds: ClassVar[int] = 24 * 60 * 60
    resume_after_seconds: ClassVar[int] = 30 * 60
    one_to_one_only: ClassVar[bool] = True
    # States whose answer is any text (a story): there only a plain question interrupts.
    free_text_states: ClassVar[frozenset[enum.Enum]] = frozenset()

    def intro(self, ctx: FlowContext) -> list[Message]:
        """Messages before the first question (a greeting, a notice)."""
        return []

    def prompt(self, state: enum.Enum, ctx: FlowContext) -> list[Message]:
        """The question asked on entering `state` (and again on a re-prompt)."""
        raise NotImplementedError

    def handle(self, state: enum.Enum, ctx: FlowContext) -> Step | None:
        """Run the state's handler `on_<state>`; None means the input was not understood."""
        handler: Callable[[FlowContext], Step | None] = getattr(self, f"on_{state.name.lower()}")
        return handler(ctx)

    def on_topic(self, state: enum.Enum, ctx: FlowContext, intent: str) -> Step | None:
        """A text `state` did not read, confidently about `intent` and not a question: the
        step it answers, or None to take it as a question as usual."""
        return None

    def on_cancel(self, ctx: FlowContext) -> list[Message]:
        return [TextMessage(text=f"ยกเลิก{self.title}แล้วค่ะ ไม่มีการบันทึกข้อมูลค่ะ")]

    def on_stale_postback(self, turn: Turn, draft_id: str, value: str) -> list[Message] | None:
        """A button of a draft that is gone was tapped; None gives the engine's default answer."""
        return None

    def group_answer(self) -> list[Message]:
        return [TextMessage(text=f"{self.title}ทำได้ในแชทส่วนตัวกับอาสาบอทค่ะ")]
