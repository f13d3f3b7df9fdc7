"""The LINE messages that ask each stop: the question, its hint, and its answers as buttons.

Choices are quick replies; a list longer than LINE's 13 buttons is paged (◀ ▶), and every
choice is also numbered in the text so it can be typed. Dates get LINE's date picker, places
its location button, photos its camera buttons.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from linebot.v3.messaging import (
    Action,
    CameraAction,
    CameraRollAction,
    DatetimePickerAction,
    LocationAction,
    PostbackAction,
    QuickReply,
    QuickReplyItem,
    TextMessage,
)
from linebot.v3.messaging.models import Message

from bot.surveys.answers import shown
from bot.surveys.evaluate import evaluate, to_string
from bot.surveys.form import LABEL_REFERENCE, Question, pick_label
from bot.surveys.inputs import button_data
from bot.surveys.interview import Interview, Stop
from bot.surveys.messages import say

MAX_QUICK_REPLIES = 13
MAX_LABEL = 20
MAX_TEXT = 4800  # LINE allows 5000 characters in a text message


@dataclass
class Asking:
    """What a prompt needs besides the interview: whose buttons, which language, which page."""

    ref: str
    language: str
    title: str
    page: int = 0
    picked: list[str] = field(default_factory=list)


def label_text(text: str) -> str:
    """A button label within LINE's 20 characters."""
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1] + "…"


def button(label: str, command: str, asking: Asking, value: str | None = None) -> PostbackAction:
    return PostbackAction(
        label=label_text(label),
        data=button_data(command, asking.ref, value),
        display_text=label[:300],
    )


def ask(
    interview: Interview, stop: Stop, asking: Asking, lead: Sequence[str] = ()
) -> list[Message]:
    """The messages asking `stop`: leads, the notes before it, then the question itself."""
    texts = list(lead)
    notes = [
        _interpolate(interview, n, stop, asking.language) for n in interview.notes_before(stop)
    ]
    if notes:
        texts.append("\n\n".join(notes))
    messages: list[Message] = [TextMessage(text=t[:MAX_TEXT]) for t in texts if t]
    if stop.kind == "consent":
        messages.append(_consent(asking))
    elif stop.kind == "more":
        messages.append(_more(interview, stop, asking))
    elif stop.kind == "summary":
        messages.extend(_summary(interview, asking))
    else:
        messages.append(_question(interview, stop, asking))
    return messages[-5:]  # LINE's limit per reply; the question is last, so it stays


def _quick(actions: list[Action]) -> QuickReply:
    return QuickReply(items=[QuickReplyItem(action=a) for a in actions[:MAX_QUICK_REPLIES]])


def _controls(interview: Interview, stop: Stop, asking: Asking) -> list[Action]:
    controls: list[Action] = []
    if interview.previous(stop) is not None:
        controls.append(button(say("back", asking.language), "back", asking))
    controls.append(button(say("pause", asking.language), "pause", asking))
    return controls


def _consent(asking: Asking) -> TextMessage:
    lang = asking.language
    actions: list[Action] = [
        button(say("consent_yes", lang), "consent", asking, "yes"),
        button(say("consent_no", lang), "consent", asking, "no"),
        button(say("pause", lang), "pause", asking),
    ]
    return TextMessage(text=say("consent", lang, title=asking.title), quick_reply=_quick(actions))


def _more(interview: Interview, stop: Stop, asking: Asking) -> TextMessage:
    lang = asking.language
    repeat = interview.form.sections[stop.name]
    label = pick_label(repeat.labels, lang, repeat.name)
    number = say("question_number", lang, number=interview.position(stop))
    count = stop.instance or 0
    text = f"{number}. " + say("more" if count else "more_first", lang, label=label, count=count)
    actions: list[Action] = [
        button(say("add", lang), "more", asking, "yes"),
        button(say("no_more", lang), "more", asking, "no"),
        *_controls(interview, stop, asking),
    ]
    return TextMessage(text=text, quick_reply=_quick(actions))


def _question(interview: Interview, stop: Stop, asking: Asking) -> TextMessage:
    lang = asking.language
    question = interview.form_questions[stop.name]
    required = question.required is not None
    lines = _section_headers(interview, stop, lang)
    number = say("question_number", lang, number=interview.position(stop))
    label = _interpolate(interview, question, stop, lang)
    lines.append(f"{number}. {label}" + ("" if required else f" {say('optional', lang)}"))
    hint = pick_label(question.hints, lang)
    if hint:
        lines.append(hint)
    answers, instruction = _answer_buttons(question, asking)
    if question.kind in ("select_one", "select_multiple"):
        lines += [
            f"{i}. {pick_label(c.labels, lang, c.name)}" for i, c in enumerate(question.choices, 1)
        ]
    lines.append(instruction)
    if question.kind == "select_multiple" and asking.picked:
        picked = shown(question, asking.picked, lang)
        lines.append(say("picked", lang, choices=picked))
    if interview.has_answer(question, stop.instance):
        previous = shown(question, interview.raw(question, stop.instance), lang)
        lines.append(say("previous_answer", lang, answer=previous))
    extra: list[Action] = []
    if not required:
        extra.append(button(say("skip", lang), "skip", asking))
    controls = _controls(interview, stop, asking)
    actions = _paged(answers, MAX_QUICK_REPLIES - len(extra) - len(controls), asking)
    return TextMessage(
        text="\n".join(lines)[:MAX_TEXT], quick_reply=_quick([*actions, *extra, *controls])
    )


def _section_headers(interview: Interview, stop: Stop, lang: str) -> list[str]:
    """The group or repeat label above the first question asked inside it."""
    sections = interview.sections_of(stop)
    before = interview.previous(stop)
    if before is not None and before.kind == "more" and before.name in {s.name for s in sections}:
        entered = sections[[s.name for s in sections].index(before.name) :]
    else:
        outer = interview.sections_of(before) if before is not None else ()
        entered = tuple(s for s in sections if s not in outer)
    headers = []
    for section in entered:
        label = pick_label(section.labels, lang, section.name)
        if section.kind == "repeat":
            label = say("instance", lang, label=label, number=(stop.instance or 0) + 1)
        headers.append(f"【{label}】")
    return headers


def _answer_buttons(question: Question, asking: Asking) -> tuple[list[Action], str]:
    lang = asking.language
    kind = question.kind
    if kind == "select_one":
        return [
            button(pick_label(c.labels, lang, c.name), "answer", asking, c.name)
            for c in question.choices
        ], say("choose_one", lang)
    if kind == "select_multiple":
        return [
            button(
                ("✓ " if c.name in asking.picked else "") + pick_label(c.labels, lang, c.name),
                "toggle",
                asking,
                c.name,
            )
            for c in question.choices
        ], say("choose_many", lang)
    if kind == "date":
        picker = DatetimePickerAction(
            label=say("pick_date", lang), data=button_data("date", asking.ref), mode="date"
        )
        return [picker], say("type_date", lang)
    if kind == "geopoint":
        return [LocationAction(label=say("send_location", lang))], say("type_geopoint", lang)
    if kind == "image":
        return [
            CameraAction(label=say("camera", lang)),
            CameraRollAction(label=say("camera_roll", lang)),
        ], say("type_image", lang)
    return [], say(f"type_{kind}" if kind in ("integer", "decimal") else "type_text", lang)


def _paged(answers: list[Action], room: int, asking: Asking) -> list[Action]:
    """All the answers if they fit; else one page of them with ◀ ▶ (and "done" kept)."""
    done: list[Action] = []
    if answers and isinstance(answers[0], PostbackAction) and "c=toggle" in answers[0].data:
        done = [button(say("done", asking.language), "done", asking)]
        room -= 1
    if len(answers) <= room:
        return [*answers, *done]
    size = max(room - 2, 1)
    pages = -(-len(answers) // size)
    page = min(max(asking.page, 0), pages - 1)
    shown_here = answers[page * size : (page + 1) * size]
    nav: list[Action] = []
    if page > 0:
        nav.append(button(say("previous_page", asking.language), "page", asking, str(page - 1)))
    if page < pages - 1:
        nav.append(button(say("next_page", asking.language), "page", asking, str(page + 1)))
    return [*shown_here, *nav, *done]


def _summary(interview: Interview, asking: Asking) -> list[Message]:
    lang = asking.language
    lines = [say("summary", lang, title=asking.title)]
    for stop in interview.asked_stops():
        if stop.kind != "question":
            continue
        question = interview.form_questions[stop.name]
        label = _interpolate(interview, question, stop, lang)
        if stop.instance is not None:
            label += f" ({stop.instance + 1})"
        lines.append(f"• {label}: {shown(question, interview.raw(question, stop.instance), lang)}")
    parts = _split(lines)
    actions: list[Action] = [
        button(say("submit", lang), "submit", asking),
        button(say("back", lang), "back", asking),
        button(say("pause", lang), "pause", asking),
        button(say("discard", lang), "discard", asking),
    ]
    messages: list[Message] = [TextMessage(text=p) for p in parts[:-1]]
    messages.append(TextMessage(text=parts[-1], quick_reply=_quick(actions)))
    return messages[-4:]


def _split(lines: list[str]) -> list[str]:
    parts: list[str] = []
    current = ""
    for line in lines:
        line = line[:MAX_TEXT]
        if current and len(current) + len(line) + 1 > MAX_TEXT:
            parts.append(current)
            current = line
        else:
            current = f"{current}\n{line}" if current else line
    parts.append(current)
    return parts


def _interpolate(interview: Interview, question: Question, stop: Stop, lang: str) -> str:
    """A label with its ${name} references replaced by their answers."""
    text = pick_label(question.labels, lang, question.name)

    def value(match: Any) -> str:
        referred = interview.form_questions[match.group(1)]
        instance = stop.instance if referred.repeat else None
        if referred.calculation is not None:
            return to_string(evaluate(referred.calculation.expr, interview.scope(instance)))
        return shown(referred, interview.raw(referred, instance), lang)

    return LABEL_REFERENCE.sub(value, text)
