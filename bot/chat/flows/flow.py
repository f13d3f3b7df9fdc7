"""What a flow is written against: the `Flow` base class and its table of `StateDef`s, the
context its handlers get, fixed answers (`Choice`) and the `Step` a handler returns.
`engine.py` explains how to define a flow.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

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
from bot.chat.menu import button_label
from bot.core.i18n import L_, MALAY, N_, Translator, translate

if TYPE_CHECKING:
    from bot.core.services import Services

END = None  # Step(END) finishes the flow and forgets the draft
CANCEL_LABEL = L_("ยกเลิก")
# Typed instead of tapped, beside the label in both languages ("batal" is Malay for cancel).
CANCEL_SYNONYMS = ("batal",)
MAX_QUICK_REPLIES = 13


@dataclass(frozen=True)
class Choice:
    """A fixed answer: `value` goes in the postback, `label` on the button (max 20 characters).

    `label` is the Thai msgid (marked with L_ where it is written); the button shows it in the
    person's language. Typed, the label in either language or a synonym acts as the button: people
    mix Thai and Malay, and a Malay speaker may type the Thai word they see on a sign.
    """

    value: str
    label: str
    synonyms: tuple[str, ...] = ()

    def words(self) -> tuple[str, ...]:
        """What typed acts as this button: the label in Thai and in Malay, then the synonyms."""
        return (self.label, translate(self.label, MALAY), *self.synonyms)

    def matches(self, text: str) -> bool:
        wanted = fold(text)
        return any(wanted == fold(w) for w in self.words())


def offered_words(choices: Sequence[Choice], cancel: bool = True) -> dict[str, str]:
    """Each button's folded label and synonyms -> its value; the first button wins a clash."""
    offered: dict[str, str] = {}
    for c in choices:
        for word in c.words():
            offered.setdefault(fold(word), c.value)
    if cancel:
        for word in Choice("cancel", CANCEL_LABEL, CANCEL_SYNONYMS).words():
            offered.setdefault(fold(word), "cancel")
    return offered


# PDPA consent is explicit: the consent button, or a typed yes that says consent in the
# person's language. "ok", "ได้", "ครับ" answer many questions and are not consent.
CONSENT_WORDS = (
    "ยินยอม",
    "ตกลงยินยอม",
    "ยอมรับ",
    "ยินยอมให้เก็บข้อมูล",
    "ข้าพเจ้ายินยอม",
    "setuju",  # Malay
    "saya setuju",
    "bersetuju",
    "saya bersetuju",
)
# Said where consent is asked, they get "tap ยินยอม or type it" instead of a guess.
VAGUE_YES = frozenset(
    fold(w)
    for w in (
        *("ok", "okay", "โอเค", "ได้", "ได้เลย", "ครับ", "ค่ะ", "ใช่", "ตกลง", "ยอม"),
        *("ya", "boleh", "baik", "baiklah", "okey"),  # Malay
    )
)
CONSENT_REMINDER = N_("การยินยอมต้องชัดเจนค่ะ กด «ยินยอม» หรือพิมพ์คำว่า «ยินยอม» ถ้ายินยอมนะคะ")
CANCELLED = N_("ยกเลิก{title}แล้วค่ะ ไม่มีการบันทึกข้อมูลค่ะ")
ONE_TO_ONE_ONLY = N_("{title}ทำได้ในแชทส่วนตัวกับอาสาบอทค่ะ")


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

    @property
    def services(self) -> Services:
        return self.turn.services

    @property
    def t(self) -> Translator:
        """The turn's translator: `ctx.t(MESSAGE, name=...)` in the person's language."""
        return self.turn.t

    def button(self, label: str, value: str) -> PostbackAction:
        """A postback button bound to this draft, so it cannot act on another one; `label` is
        a marked Thai label, shown in the person's language."""
        shown = self.t(label)
        return PostbackAction(
            label=button_label(shown),
            data=flow_postback(self.flow.name, self.draft.id, value),
            display_text=shown,
        )

    def quick_reply(
        self, choices: Sequence[Choice] = (), extra: Sequence[Action] = (), cancel: bool = True
    ) -> QuickReply:
        actions: list[Action] = [*extra, *(self.button(c.label, c.value) for c in choices)]
        actions = actions[: MAX_QUICK_REPLIES - int(cancel)]  # ยกเลิก is always there
        if cancel:
            actions.append(self.button(CANCEL_LABEL, "cancel"))
        self.draft.offered = offered_words(choices, cancel)  # the last question's buttons
        return QuickReply(items=[QuickReplyItem(action=a) for a in actions])

    def ask(
        self,
        text: str,
        choices: Sequence[Choice] = (),
        extra: Sequence[Action] = (),
        cancel: bool = True,
    ) -> TextMessage:
        """A question (already in the person's language: `ctx.t(...)`) with its answers (and
        ยกเลิก) as quick replies, labelled in the person's language."""
        return TextMessage(text=text, quick_reply=self.quick_reply(choices, extra, cancel))

    def choice(self, choices: Sequence[Choice]) -> str | None:
        """The value picked, whether the button was tapped or its label typed."""
        if self.input.kind == "choice":
            return next((c.value for c in choices if c.value == self.input.value), None)
        if self.input.kind == "text":
            return next((c.value for c in choices if c.matches(self.input.text)), None)
        return None


@dataclass(frozen=True)
class StateDef:
    """One state of a flow: the question asked on entering it, the handler of the answer, and
    every state that handler may go to (END included), which the flow's diagram shows too.

    `on_topic` reads a text the handler did not, confidently about an intent and not a question
    (the problem typed where its kind was asked); `free_text` marks a state whose answer is any
    text (a story), where only a plain question interrupts.
    """

    ask: Callable[[FlowContext], Message]
    handle: Callable[[FlowContext], Step | None]
    then: tuple[enum.Enum | None, ...]
    on_topic: Callable[[FlowContext, str], Step | None] | None = None
    free_text: bool = False


class FlowDefinitionError(RuntimeError):
    """A flow's table does not match its states, or a handler went where it did not declare."""


class Flow:
    """A guided conversation: subclasses name it, its states and its table of `StateDef`s."""

    name: ClassVar[str]
    # Marked with N_; it fills "{title}" in the engine's sentences, so in Malay it is a lower-case
    # noun phrase ("aduan", "pendaftaran").
    title: ClassVar[str]
    states: ClassVar[type[enum.Enum]]
    first: ClassVar[enum.Enum]
    state_table: ClassVar[Mapping[enum.Enum, StateDef]]
    start_intents: ClassVar[tuple[str, ...]] = ()
    # The timeout: a draft untouched this long is gone (the state store's TTL).
    ttl_seconds: ClassVar[int] = 24 * 60 * 60
    resume_after_seconds: ClassVar[int] = 30 * 60
    one_to_one_only: ClassVar[bool] = True

    def intro(self, ctx: FlowContext) -> list[Message]:
        """Messages before the first question (a greeting, a notice)."""
        return []

    def prompt(self, state: enum.Enum, ctx: FlowContext) -> list[Message]:
        """The question asked on entering `state` (and again on a re-prompt)."""
        return [self.state_table[state].ask(ctx)]

    def handle(self, state: enum.Enum, ctx: FlowContext) -> Step | None:
        """The state's handler; None means the input was not understood."""
        return self.state_table[state].handle(ctx)

    def on_topic(self, state: enum.Enum, ctx: FlowContext, intent: str) -> Step | None:
        """A text `state` did not read, confidently about `intent` and not a question: the
        step it answers, or None to take it as a question as usual."""
        read_topic = self.state_table[state].on_topic
        return None if read_topic is None else read_topic(ctx, intent)

    def is_free_text(self, state: enum.Enum) -> bool:
        return self.state_table[state].free_text

    def check_transition(self, state: enum.Enum, step: Step) -> None:
        """Refuse a move the table does not declare: the table and the diagram are the truth."""
        if step.state not in self.state_table[state].then:
            target = "END" if step.state is END else step.state.name
            raise FlowDefinitionError(
                f"{self.name}: {state.name} -> {target} is not declared in its state table"
            )

    def transitions(self) -> set[tuple[str, str]]:
        """Every declared move as (from, to) state names, "[*]" for the start and the end."""
        moves = {("[*]", self.first.name)}
        for state, definition in self.state_table.items():
            moves.update((state.name, "[*]" if t is END else t.name) for t in definition.then)
        return moves

    def check_definition(self) -> None:
        """Every state has exactly one entry in the table, and goes only to states of the flow."""
        declared, states = set(self.state_table), set(self.states)
        if declared != states:
            missing = sorted(s.name for s in states - declared)
            extra = sorted(str(s) for s in declared - states)
            raise FlowDefinitionError(f"{self.name}: no entry for {missing}, unknown {extra}")
        if self.first not in states:
            raise FlowDefinitionError(f"{self.name}: the first state is not one of its states")
        for state, definition in self.state_table.items():
            unknown = [t for t in definition.then if t is not END and t not in states]
            if unknown or not definition.then:
                where = unknown or "nothing"
                raise FlowDefinitionError(f"{self.name}: {state.name} goes to {where}")

    def on_cancel(self, ctx: FlowContext) -> list[Message]:
        return [TextMessage(text=ctx.t(CANCELLED, title=ctx.t(self.title)))]

    def on_stale_postback(self, turn: Turn, draft_id: str, value: str) -> list[Message] | None:
        """A button of a draft that is gone was tapped; None gives the engine's default answer."""
        return None

    def group_answer(self, t: Translator) -> list[Message]:
        return [TextMessage(text=t(ONE_TO_ONE_ONLY, title=t(self.title)))]
