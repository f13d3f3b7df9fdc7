"""The survey chat's entry: start words, the survey buttons, and the open interview's answers.

`route(turn)` runs before the flow engine and the classifier (see bot/chat/conversation.py):
a volunteer with an interview in progress is answering it, whatever they type. It reads from the
turn only the event, the session, the user and the job runner.
"""

from __future__ import annotations

from datetime import UTC, datetime

from linebot.v3.messaging import PostbackAction, QuickReply, QuickReplyItem, TextMessage
from linebot.v3.messaging.models import Message
from linebot.v3.webhooks import PostbackEvent

from bot.chat.dispatch import Turn
from bot.chat.menu import intent_postback
from bot.core.orm import utcnow
from bot.core.thai_dates import local_zone
from bot.surveys import service
from bot.surveys.answers import fold
from bot.surveys.form import Form
from bot.surveys.inputs import REF_LENGTH, SurveyInput, button_data, read
from bot.surveys.jobs import download_survey_photo
from bot.surveys.messages import language_of, say
from bot.surveys.models import ResponseStatus, SurveyForm, SurveyResponse
from bot.surveys.prompts import label_text
from bot.surveys.runner import Outcome, Runner

START_WORDS = frozenset(
    fold(w) for w in ("ทำแบบสำรวจ", "แบบสำรวจ", "tinjauan", "buat tinjauan", "isi tinjauan")
)
IDLE_SECONDS = 30 * 60  # after this, a text is not taken as an answer without asking first


def is_start_word(text: str) -> bool:
    """A start word ("ทำแบบสำรวจ", "tinjauan"...), also after an @mention of the bot."""
    words = text.split()
    while words and words[0].startswith("@"):
        words = words[1:]
    return fold(" ".join(words)) in START_WORDS


def route(turn: Turn, *, may_be_open: bool = True) -> list[Message] | None:
    """The survey's answer to this turn, or None to let the rest of the chat answer.

    `may_be_open=False`: the caller knows no interview was open (bot/chat/person_state.py), so
    the locking query for one is not run.
    """
    given = read(turn)
    wanted = given.kind == "command" or (given.kind == "text" and is_start_word(given.text))
    user_id = turn.user_id
    if not turn.is_one_to_one or user_id is None:
        return [TextMessage(text=say("private_only", "th"))] if wanted else None
    if given.kind == "command":
        turn.log_text = False
        return _command(turn, user_id, given)
    response = service.open_response(turn.session, user_id) if may_be_open else None
    if response is None or response.status is not ResponseStatus.ACTIVE:
        return _begin(turn, user_id, None) if wanted else None
    if isinstance(turn.event, PostbackEvent):
        # A menu button in the middle of an interview: keep the interview for later.
        response.status = ResponseStatus.PAUSED
        return None
    turn.log_text = False  # answers are the respondent's data, not the message log's
    if _idle(response) or wanted:
        return _resume_question(turn, response)
    return _run(turn, response, given)


def handle_postback(turn: Turn) -> list[Message]:
    """`action=survey` reached through the dispatcher (route normally answers it first)."""
    return route(turn) or []


def _command(turn: Turn, user_id: str, given: SurveyInput) -> list[Message]:
    command = given.command
    if command in (None, "begin", "start", "another"):
        return _begin(turn, user_id, given.value)
    response = service.open_response(turn.session, user_id)
    if response is None or given.ref != response.uuid[:REF_LENGTH]:
        return _stale(turn, response)  # a button of an interview finished or dropped since
    if command == "restart":
        turn.session.delete(response)
        turn.session.flush()
        return _begin(turn, user_id, None)
    response.status = ResponseStatus.ACTIVE  # a button of a paused interview picks it up again
    return _run(turn, response, given)


def _begin(turn: Turn, user_id: str, form_id: str | None) -> list[Message]:
    session = turn.session
    language = _language(turn, user_id)
    volunteer = service.surveyor(session, user_id)
    if volunteer is None:
        register = intent_postback(say("register", language), "volunteer_register")
        return [
            TextMessage(
                text=say("not_volunteer", language),
                quick_reply=QuickReply(items=[QuickReplyItem(action=register)]),
            )
        ]
    response = service.open_response(session, user_id)
    if response is not None:
        return _resume_question(turn, response)
    forms = service.active_forms(session)
    if form_id:
        chosen = service.current_form(session, form_id)
        if chosen is None:
            return [TextMessage(text=say("form_gone", language))]
    elif len(forms) == 1:
        chosen = forms[0]
    elif not forms:
        return [TextMessage(text=say("no_forms", language))]
    else:
        return [_pick(forms, language)]
    response = service.start_response(session, chosen, volunteer, language, utcnow())
    runner = _runner(turn, response)
    title = runner.form.title(language)
    return _deliver(turn, runner.ask_current([say("starting", language, title=title)]))


def _pick(forms: list[SurveyForm], language: str) -> TextMessage:
    titles = [Form.from_json(f.definition).title(language) for f in forms]
    lines = [say("pick", language), *(f"{i}. {t}" for i, t in enumerate(titles, 1))]
    items = [
        QuickReplyItem(
            action=_postback(label_text(f"{i}. {t}"), button_data("start", value=f.form_id), t)
        )
        for i, (f, t) in enumerate(zip(forms, titles, strict=True), 1)
    ]
    return TextMessage(text="\n".join(lines), quick_reply=QuickReply(items=items[:13]))


def _postback(label: str, data: str, shown: str) -> PostbackAction:
    return PostbackAction(label=label, data=data, display_text=shown[:300])


def _resume_question(turn: Turn, response: SurveyResponse) -> list[Message]:
    runner = _runner(turn, response)
    language = response.language
    ref = response.uuid
    actions = [
        _postback(say(key, language), button_data(command, ref), say(key, language))
        for key, command in (("keep_going", "resume"), ("start_new", "restart"))
    ]
    text = say(
        "resume_question",
        language,
        title=runner.form.title(language),
        answered=runner.interview.answered_count(),
    )
    response.status = ResponseStatus.PAUSED  # until they say which
    items = [QuickReplyItem(action=a) for a in actions]
    return [TextMessage(text=text, quick_reply=QuickReply(items=items))]


def _stale(turn: Turn, response: SurveyResponse | None) -> list[Message]:
    if response is None:
        language = _language(turn, turn.user_id or "")
        return [TextMessage(text=say("stale_no_interview", language))]
    response.status = ResponseStatus.ACTIVE
    runner = _runner(turn, response)
    return _deliver(turn, runner.ask_current([say("stale_button", response.language)]))


def _run(turn: Turn, response: SurveyResponse, given: SurveyInput) -> list[Message]:
    return _deliver(turn, _runner(turn, response).respond(given))


def _runner(turn: Turn, response: SurveyResponse) -> Runner:
    now = utcnow()
    # today() in a constraint is the volunteers' today, on the configured clock.
    return Runner(turn.session, response, now=now, today=now.astimezone(local_zone()).date())


def _deliver(turn: Turn, outcome: Outcome) -> list[Message]:
    """The messages; photos are fetched by a job once the answer that names them is committed."""
    if outcome.photos:
        turn.session.commit()  # the job looks the photo row up: it must exist first
        for media_id in outcome.photos:
            turn.services.jobs.enqueue(
                download_survey_photo, media_id, job_id=f"survey-photo-{media_id}"
            )
    return outcome.messages


def _language(turn: Turn, user_id: str) -> str:
    # The language the person is answered in (chosen, else detected, else their LINE app's).
    return turn.language if user_id else language_of(None)


def _idle(response: SurveyResponse) -> bool:
    touched = response.updated_at
    if touched.tzinfo is None:  # SQLite gives naive UTC back
        touched = touched.replace(tzinfo=UTC)
    return (datetime.now(UTC) - touched).total_seconds() > IDLE_SECONDS
