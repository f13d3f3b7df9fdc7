"""The flow engine: guided conversations as explicit state machines, with drafts in the database.

How to define a flow (`bot/volunteers/registration.py` is a short one, `bot/complaints/flow.py`
a long one; each has its diagram beside it, `*.mmd`, which a test holds to the table):

    class Signup(enum.Enum):               # real names: they are stored in drafts and diagrams
        NAME = "name"
        PHONE = "phone"

    ASK_NAME = N_("ชื่ออะไรคะ")             # every message marked (bot/core/i18n.py)...

    def name_question(ctx):                # the question asked on entering a state
        return ctx.ask(ctx.t(ASK_NAME))    # ...and said in the person's language

    def on_name(ctx):                      # the handler of its answer
        if ctx.input.kind != "text":
            return None                    # None = not understood: re-prompt (or answer a question)
        ctx.data["name"] = ctx.input.text
        return Step(Signup.PHONE)          # the next state; its question is appended
        ...
        return Step(END, [TextMessage(text=ctx.t(SAVED))])   # END deletes the draft

    class RegistrationFlow(Flow):
        name = "registration"              # short, unique: it is in every button's postback
        title = N_("การลงทะเบียนอาสาสมัคร")   # used in "continue or start again?"
        states = Signup
        first = Signup.NAME
        start_intents = ("volunteer_register",)
        state_table = {                    # each state: its question, its handler, where it goes
            Signup.NAME: StateDef(name_question, on_name, then=(Signup.PHONE,)),
            Signup.PHONE: StateDef(phone_question, on_phone, then=(END,)),
        }

Then add the class to `FLOWS` in `bot/chat/registry.py`; the app factory builds one engine from
them and hands it to every turn (`turn.flows`). The engine refuses, at start-up, a table that
misses a state, and at run time a move the table does not declare.

The engine gives every flow, for free:
- storage of the draft under (source type, source id) with a sliding TTL, the flow's timeout
  (`ttl_seconds`, 24 h by default);
- every message and button in the person's language (Thai or Malay, `ctx.t`); a button's label
  typed in either language acts as the button;
- "ยกเลิก" / "batal" (typed or tapped) from any state, then `on_cancel`;
- typed buttons: a text that is the label (or a synonym) of a button of the last question acts
  as that button, in every state ("เริ่มใหม่" typed at "continue or start again?" restarts);
- menu labels typed mid-flow ("แจ้งเรื่องร้องเรียน", bot/chat/menu.py) are that command, never
  an answer kept in the draft: a flow's start asks "continue or start again?", others answer;
- a re-prompt when the input does not fit (a sticker where text was asked);
- a question in the middle: a text the state did not understand goes to the NLU, and a confident
  intent with its own handler (or a menu tap) is answered, then the flow's question is asked again;
  small talk is not a question, and in a `free_text` state (a story) only a short, plain question
  is taken as one; a text that is confidently about a topic but not a question is first offered
  to the state's `on_topic` (the problem typed where its kind was asked can be the answer);
- resume: a user who comes back after `resume_after_seconds`, or starts the flow again, is asked
  to continue or start again; what they sent on coming back is kept and answered on "ทำต่อ";
- stale buttons: every button carries the draft id, so a tap from an old or lost draft is told so
  (or handed to `on_stale_postback`, e.g. an idempotent confirm) instead of changing another draft.
Handlers keep everything in `ctx.data` (JSON only), never in the flow object or module globals.

This module routes turns. What a flow is written against is in `flow.py` (re-exported here), the
draft storage in `drafts.py`, the reading of LINE events in `inputs.py`, when a text typed in a
flow is a question in `questions.py`, and the place questions that several flows ask in
`place_steps.py`.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import time
import uuid
from collections.abc import Callable, Iterable

from linebot.v3.messaging import PostbackAction, QuickReply, QuickReplyItem, TextMessage
from linebot.v3.messaging.models import Message

from bot.chat.dispatch import Dispatcher, Turn
from bot.chat.flows.drafts import Draft, DraftStore, state_key
from bot.chat.flows.flow import (
    CANCEL_LABEL,
    CONSENT_REMINDER,
    CONSENT_WORDS,
    END,
    MAX_QUICK_REPLIES,
    VAGUE_YES,
    Choice,
    Flow,
    FlowContext,
    FlowDefinitionError,
    StateDef,
    Step,
)
from bot.chat.flows.inputs import (
    POSTBACK_ACTION,
    Input,
    flow_postback,
    fold,
    postback_params,
    read_input,
    typed_button,
)
from bot.chat.flows.questions import (
    answerable_intent,
    confident_understanding,
    question_in_story,
    topic_as_answer,
)
from bot.chat.menu import MAIN_MENU
from bot.core import postback
from bot.core.i18n import L_, MALAY, N_, translate

# Flows import what they are written against from here; the names live in flow.py, drafts.py
# and inputs.py.
__all__ = [
    "CANCEL_LABEL",
    "CANCEL_WORDS",
    "CONSENT_REMINDER",
    "CONSENT_WORDS",
    "END",
    "MAX_QUICK_REPLIES",
    "MAX_REPLY_MESSAGES",
    "NOT_UNDERSTOOD_LEAD",
    "POSTBACK_ACTION",
    "RESUME_LEAD",
    "STALE_BUTTON",
    "STICKER_LEAD",
    "VAGUE_YES",
    "Choice",
    "Draft",
    "Flow",
    "FlowContext",
    "FlowDefinitionError",
    "FlowEngine",
    "Input",
    "StateDef",
    "Step",
    "flow_postback",
    "read_input",
    "state_key",
]

log = logging.getLogger(__name__)

CANCEL_WORDS = frozenset(
    {"ยกเลิก", "cancel", "ไม่เอาแล้ว", "เลิก", "batal", "batalkan", "tak jadi", "takjadi"}
)
MAX_REPLY_MESSAGES = 5  # LINE's limit per reply

NOT_UNDERSTOOD_LEAD = N_("ขออภัยค่ะ คำตอบนี้ใช้ไม่ได้ค่ะ")
STICKER_LEAD = N_("ขออภัยค่ะ ใช้สติกเกอร์ตอบไม่ได้ค่ะ ขอถามอีกครั้งนะคะ")
RESUME_LEAD = N_("กลับมาที่{title}นะคะ")
RESUME_QUESTION = N_("มี{title}ที่ยังทำไม่เสร็จค่ะ จะทำต่อหรือเริ่มใหม่คะ")
HELD_NOTE = N_("ข้อความที่เพิ่งส่งมาเก็บไว้แล้ว กด «ทำต่อ» จะใช้ต่อจากที่ค้างไว้ค่ะ")
STALE_BUTTON = N_("ขออภัยค่ะ ปุ่มนี้หมดอายุแล้ว")
STALE_NO_FLOW = N_("ขออภัยค่ะ ปุ่มนี้หมดอายุแล้วค่ะ")
STALE_IN_FLOW = N_("ขออภัยค่ะ ปุ่มนี้หมดอายุแล้ว ตอนนี้อยู่ที่{title}ค่ะ")
STALE_DRAFT_GONE = N_("ขออภัยค่ะ ปุ่มนี้หมดอายุแล้ว ข้อมูลที่กรอกไว้ไม่อยู่แล้วค่ะ")
STALE_START_AGAIN = N_("ขออภัยค่ะ ปุ่มนี้หมดอายุแล้ว ข้อมูลที่กรอกไว้ไม่อยู่แล้วค่ะ เริ่มใหม่ได้เลยค่ะ")
START_AGAIN = L_("เริ่มใหม่")
RESUME_CHOICES = (  # and ยกเลิก
    Choice("resume", L_("ทำต่อ"), ("teruskan", "sambung")),
    Choice("restart", START_AGAIN, ("mula baru", "mulakan semula")),
)
# What a pause-then-resume keeps to answer on "ทำต่อ" (a sticker or an unknown event is not kept).
HELD_KINDS = frozenset({"text", "location", "image", "file"})


@functools.cache
def _commands() -> dict[str, str]:
    """Menu labels typed in a flow (bot/chat/menu.py), in Thai or Malay: the command, never an
    answer to keep. Built on first use: the Malay labels come from the catalogue."""
    commands = {fold(translate(label, MALAY)): intent for label, intent in MAIN_MENU}
    commands.update({fold(label): intent for label, intent in MAIN_MENU})
    return commands


class FlowEngine:
    """Runs every registered flow; stateless itself (drafts live in the turn's database session)."""

    def __init__(self, flows: Iterable[Flow], clock: Callable[[], float] = time.time) -> None:
        self.flows: dict[str, Flow] = {}
        for flow in flows:
            flow.check_definition()
            if flow.name in self.flows:
                raise FlowDefinitionError(f"two flows are named {flow.name!r}")
            self.flows[flow.name] = flow
        self._clock = clock
        self.drafts = DraftStore(self.flows, clock)

    # -- wiring ---------------------------------------------------------------------------------
    def register(self, dispatcher: Dispatcher) -> None:
        """Start intents open their flow; flow buttons with no live draft get a clear answer."""
        for flow in self.flows.values():
            for intent in flow.start_intents:
                dispatcher.on_intent(intent)(self._starter(flow.name))
        dispatcher.on_postback(POSTBACK_ACTION)(self.handle_orphan_postback)

    def _starter(self, name: str) -> Callable[[Turn], list[Message]]:
        def start(turn: Turn) -> list[Message]:
            return self.start(name, turn)

        start.__qualname__ = f"FlowEngine.start[{name}]"  # what a duplicate-handler error names
        return start

    # -- entry points ---------------------------------------------------------------------------
    def start(self, name: str, turn: Turn, *, force: bool = False) -> list[Message]:
        """Open flow `name`; a draft already open is offered back first unless `force`."""
        flow = self.flows[name]
        turn.log_text = False
        if flow.one_to_one_only and not turn.is_one_to_one:
            return flow.group_answer(turn.t)
        existing = self.drafts.load(turn)
        if existing is not None and not force:
            return self._resume_question(turn, existing)
        now = self._clock()
        draft = Draft(flow=name, id=uuid.uuid4().hex, state=flow.first.name, started=now)
        ctx = FlowContext(turn, flow, draft, Input(kind="other"))
        messages = [*flow.intro(ctx), *flow.prompt(flow.first, ctx)]
        self.drafts.save(turn, draft)
        log.info("flow.started", extra={"flow": name})
        return self._reply(messages)

    def route(self, turn: Turn) -> list[Message] | None:
        """Give the turn to the open flow, if any; None lets the normal handlers answer."""
        draft = self.drafts.load(turn)
        if draft is None:
            return None
        flow = self.flows[draft.flow]
        turn.log_text = False  # inside a flow, what people type is personal data
        inp = typed_button(read_input(turn), draft.offered)
        ctx = FlowContext(turn, flow, draft, inp)
        params = postback_params(turn)

        if params.get("action") == POSTBACK_ACTION and (
            params.get("d") != draft.id or params.get("f") != draft.flow
        ):
            return self._stale_button(turn, flow, ctx, params)
        if inp.value == "resume":
            return self._resume(turn, flow, draft)
        if inp.value == "restart":
            self._cancel(flow, ctx)
            return self.start(flow.name, turn, force=True)
        if inp.value == "cancel" or (inp.kind == "text" and fold(inp.text) in CANCEL_WORDS):
            return self._reply(self._cancel(flow, ctx))
        if params.get("action") == "intent":
            return self._interruption(turn, flow, ctx, params.get("intent", ""))
        command = _commands().get(fold(inp.text)) if inp.kind == "text" else None
        if command:
            # A menu label typed mid-flow is that command, never an answer to keep.
            return self._interruption(turn, flow, ctx, command)
        if inp.kind != "choice" and self._clock() - draft.touched > flow.resume_after_seconds:
            return self._resume_question(turn, draft, held=inp)
        if draft.held is not None and inp.kind != "choice":
            # "Continue or start again?" not tapped but another message sent: continuing.
            messages = self._resume(turn, flow, draft)
            if self.drafts.load(turn) is None:
                return messages
            return self._reply([*messages, *self._answer(turn, flow, ctx)])
        return self._answer(turn, flow, ctx)

    def ask_again(self, turn: Turn) -> list[Message] | None:
        """The open draft's question again, as it stands (in the turn's language, which may have
        just changed: "cakap Melayu" mid-flow); None when no flow is open. The draft is kept."""
        draft = self.drafts.load(turn)
        if draft is None:
            return None
        flow = self.flows[draft.flow]
        turn.log_text = False
        return self._prompt(flow, FlowContext(turn, flow, draft, Input(kind="other")))

    def handle_orphan_postback(self, turn: Turn) -> list[Message]:
        """A flow button tapped when no draft is open (finished, cancelled, expired, lost)."""
        turn.log_text = False
        params = postback_params(turn)
        flow = self.flows.get(params.get("f", ""))
        if flow is None:
            return [TextMessage(text=turn.t(STALE_NO_FLOW))]
        answer = flow.on_stale_postback(turn, params.get("d", ""), params.get("v", ""))
        if answer is not None:
            return answer
        return [self._start_again_message(turn, flow)]

    # -- internals ------------------------------------------------------------------------------
    def _answer(self, turn: Turn, flow: Flow, ctx: FlowContext) -> list[Message]:
        """The open state's reading of the input: the next step, or "not understood"."""
        state = flow.states[ctx.draft.state]
        if flow.is_free_text(state) and ctx.input.kind == "text":
            intent = question_in_story(turn, self.flows.values(), ctx.input.text)
            if intent:
                return self._interruption(turn, flow, ctx, intent)
        step = flow.handle(state, ctx)
        if step is None:
            return self._not_understood(turn, flow, ctx)
        return self._advance(flow, ctx, step)

    def _resume(self, turn: Turn, flow: Flow, draft: Draft) -> list[Message]:
        """Continue the draft: what was sent before "continue?" is answered now, else asked."""
        held, draft.held = draft.held, None
        if held is None:
            return self._reply(self._prompt(flow, FlowContext(turn, flow, draft, Input("other"))))
        return self._answer(turn, flow, FlowContext(turn, flow, draft, Input(**held)))

    def _advance(self, flow: Flow, ctx: FlowContext, step: Step) -> list[Message]:
        flow.check_transition(flow.states[ctx.draft.state], step)
        messages = list(step.messages)
        if step.state is END:
            self.drafts.forget(ctx.turn)
            log.info("flow.finished", extra={"flow": flow.name})
            return self._reply(messages)
        ctx.draft.state = step.state.name
        if step.ask:
            messages.extend(flow.prompt(step.state, ctx))
        self.drafts.save(ctx.turn, ctx.draft)
        return self._reply(messages)

    def _prompt(self, flow: Flow, ctx: FlowContext) -> list[Message]:
        messages = flow.prompt(flow.states[ctx.draft.state], ctx)
        self.drafts.save(ctx.turn, ctx.draft)  # after the prompt: it records its buttons
        return messages

    def _cancel(self, flow: Flow, ctx: FlowContext) -> list[Message]:
        self.drafts.forget(ctx.turn)
        log.info("flow.cancelled", extra={"flow": flow.name, "state": ctx.draft.state})
        return flow.on_cancel(ctx)

    def _not_understood(self, turn: Turn, flow: Flow, ctx: FlowContext) -> list[Message]:
        if ctx.input.kind == "text":
            understanding = confident_understanding(turn, ctx.input.text)
            step = topic_as_answer(flow, ctx, understanding)
            if step is not None:
                return self._advance(flow, ctx, step)
            intent = answerable_intent(turn, understanding, self.flows.values())
            if intent:
                return self._interruption(turn, flow, ctx, intent)
        sticker = ctx.input.kind == "sticker"
        lead = TextMessage(text=turn.t(STICKER_LEAD if sticker else NOT_UNDERSTOOD_LEAD))
        return self._reply([lead, *self._prompt(flow, ctx)])

    def _interruption(self, turn: Turn, flow: Flow, ctx: FlowContext, intent: str) -> list[Message]:
        starts_a_flow = any(intent in f.start_intents for f in self.flows.values())
        if intent in flow.start_intents or starts_a_flow or turn.dispatcher is None:
            # Starting a flow (this one again, or another) would drop this draft: ask instead.
            return self._resume_question(turn, ctx.draft)
        answer = turn.dispatcher.dispatch_intent(intent, turn)
        turn.log_text = False
        back = TextMessage(text=turn.t(RESUME_LEAD, title=turn.t(flow.title)))
        prompt = self._prompt(flow, ctx)
        room = MAX_REPLY_MESSAGES - len(prompt) - 1
        return [*answer[: max(room, 0)], back, *prompt][-MAX_REPLY_MESSAGES:]

    def _resume_question(
        self, turn: Turn, draft: Draft, held: Input | None = None
    ) -> list[Message]:
        flow = self.flows[draft.flow]
        ctx = FlowContext(turn, flow, draft, Input(kind="other"))
        question = turn.t(RESUME_QUESTION, title=turn.t(flow.title))
        if held is not None and held.kind in HELD_KINDS:
            draft.held = dataclasses.asdict(held)
            question += "\n" + turn.t(HELD_NOTE)
        message = ctx.ask(question, RESUME_CHOICES)
        self.drafts.save(turn, draft)
        return [message]

    def _stale_button(
        self, turn: Turn, flow: Flow, ctx: FlowContext, params: dict[str, str]
    ) -> list[Message]:
        other = self.flows.get(params.get("f", ""))
        if other is not None:
            answer = other.on_stale_postback(turn, params.get("d", ""), params.get("v", ""))
            if answer is not None:
                return self._reply([*answer, *self._prompt(flow, ctx)])
        lead = TextMessage(text=turn.t(STALE_IN_FLOW, title=turn.t(flow.title)))
        return self._reply([lead, *self._prompt(flow, ctx)])

    def _start_again_message(self, turn: Turn, flow: Flow) -> TextMessage:
        if not flow.start_intents:
            return TextMessage(text=turn.t(STALE_DRAFT_GONE))
        start = PostbackAction(
            label=turn.t(START_AGAIN),
            data=postback.encode("intent", intent=flow.start_intents[0]),
            display_text=turn.t(START_AGAIN),
        )
        return TextMessage(
            text=turn.t(STALE_START_AGAIN),
            quick_reply=QuickReply(items=[QuickReplyItem(action=start)]),
        )

    @staticmethod
    def _reply(messages: list[Message]) -> list[Message]:
        return messages[-MAX_REPLY_MESSAGES:]
