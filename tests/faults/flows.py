"""A person filing a complaint through the emulator, as patient as a person: and the tally.

The person answers what the bot last asked. When an answer does not come (a fault swallowed
it), they wait for LINE's redelivery to bring it, and failing that tap the newest button they
have, as people do. The tally is read afterwards from the two records that matter: the
database (complaints, their stories) and the emulator (what reached the person).
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from linesim.client import SimChat, SimClient

# Long enough for the emulator's redeliveries (backoff 1, 2, 4 s) to bring a lost answer.
ANSWER_WAIT = 9.0
STORY = ("นายจ้างไม่จ่ายค่าจ้างสองเดือน", "มีเพื่อนร่วมงานอีกห้าคนที่ไม่ได้ค่าจ้าง")
PLACE = (6.8694, 101.2502, "โรงงาน", "ตำบลรูสะมิแล อำเภอเมืองปัตตานี ปัตตานี 94000")


@dataclass
class Person:
    """One chat and what it has sent and received."""

    chat: SimChat
    events: int = 0  # events sent that each deserve exactly one answer
    unanswered: int = 0  # steps after which no answer came in ANSWER_WAIT
    seen: int = 0  # the emulator's seq of the newest delivery to this chat we have read
    buttons: dict[str, str] = field(default_factory=dict)
    event_ids: list[str] = field(default_factory=list)
    patience: float = ANSWER_WAIT  # seconds to wait for an answer before acting without it

    @property
    def user_id(self) -> str:
        return self.chat.user_id

    def _deliveries(self) -> list[dict[str, Any]]:
        return [
            d
            for d in self.chat.sim.messages(to=self.chat.chat_id)
            if d["endpoint"] in ("reply", "push")
        ]

    def act(self, send: Callable[[], object], wait: float | None = None) -> str:
        """Do one thing; the text of the answer (empty when none came)."""
        before = len(self._deliveries())
        self.events += 1
        sent = send()
        if isinstance(sent, dict) and sent.get("webhookEventId"):
            self.event_ids.append(sent["webhookEventId"])
        deadline = time.monotonic() + (self.patience if wait is None else wait)
        while time.monotonic() < deadline:
            found = self._deliveries()
            if len(found) > before:
                newest = found[-1]["messages"]
                items = newest[-1].get("quickReply", {}).get("items", []) if newest else []
                if items:
                    self.buttons = {
                        i["action"]["label"]: i["action"]["data"]
                        for i in items
                        if i["action"].get("type") == "postback"
                    }
                return "\n".join(m.get("text", "") for m in newest)
            time.sleep(0.05)
        self.unanswered += 1
        return ""

    def tap(self, label: str, wait: float | None = None) -> str:
        data = self.buttons.get(label)
        if data is None:  # the question never arrived: nothing to tap, say it instead
            return self.say(label, wait)
        return self.act(lambda: self.chat.postback(data), wait)

    def say(self, text: str, wait: float | None = None) -> str:
        return self.act(lambda: self.chat.say(text), wait)


def new_person(sim: SimClient, n: int, run: str, patience: float = ANSWER_WAIT) -> Person:
    user_id = "U" + f"{run}{n:04x}".rjust(32, "0")[-32:]
    return Person(sim.user(user_id, display_name=f"ผู้ร้อง {n}"), patience=patience)


def file_complaint(
    person: Person, between: Callable[[str], None] = lambda step: None
) -> str:
    """Every step of a complaint about wages, two story lines; the receipt's text.

    `between(step)` runs before each named step, so a test can put a fault at that point.
    """
    between("follow")
    person.act(person.chat.follow)
    between("start")
    person.act(lambda: person.chat.postback("action=intent&intent=complaint_file"))
    between("consent")
    person.tap("ยินยอม")
    between("who")
    person.tap("ตัวฉันเอง")
    between("category")
    person.tap("ค่าจ้าง/เลิกจ้าง")
    for number, line in enumerate(STORY):
        between(f"story{number}")
        person.say(line)
    between("story_done")
    person.say("เสร็จ")
    between("place")
    latitude, longitude, title, address = PLACE
    person.act(lambda: person.chat.send_location(latitude, longitude, title, address))
    between("evidence")
    person.tap("เสร็จ")
    between("confirm")
    return person.tap("ยืนยันส่งเรื่อง", wait=person.patience + 6)


@dataclass
class Tally:
    complaints_lost: int = 0
    complaints_duplicated: int = 0
    story_lines_duplicated: int = 0
    story_lines_lost: int = 0
    replies_lost: int = 0
    replies_duplicated: int = 0
    steps_unanswered: int = 0

    def exact(self) -> bool:
        """Every complaint, story line and reply exactly once (a late answer is still one)."""
        return not any(v for k, v in vars(self).items() if k != "steps_unanswered")


def settle(sim: SimClient, quiet_seconds: float = 5.0, longest: float = 40.0) -> None:
    """Wait until the emulator has made no webhook attempt for a while: redeliveries done."""
    deadline = time.monotonic() + longest
    while time.monotonic() < deadline:
        attempts = sim.webhooks()
        newest = max((w["time"] for w in attempts), default=0) / 1000
        if time.time() - newest >= quiet_seconds:
            return
        time.sleep(0.5)


def tally(engine: sa.Engine, sim: SimClient, people: list[Person]) -> Tally:
    """What the database holds and what reached each person, against what each one did.

    A reply is counted per event: each event a person sent deserves one answer (a reply, or a
    push when the reply could not go); fewer deliveries than events is a lost reply, more is a
    reply delivered twice (or a spurious answer to a redelivered event).
    """
    result = Tally()
    with engine.connect() as connection:
        rows = connection.execute(
            sa.text("SELECT user_id, details FROM complaints WHERE user_id = ANY(:ids)"),
            {"ids": [p.user_id for p in people]},
        ).all()
    by_user: dict[str, list[str]] = {}
    for user_id, details in rows:
        by_user.setdefault(user_id, []).append(details or "")
    for person in people:
        filed = by_user.get(person.user_id, [])
        result.complaints_lost += len(filed) == 0
        result.complaints_duplicated += max(0, len(filed) - 1)
        lines = Counter(line for details in filed[:1] for line in details.split("\n") if line)
        result.story_lines_duplicated += sum(max(0, lines[s] - 1) for s in STORY)
        result.story_lines_lost += sum(1 for s in STORY if filed and lines[s] == 0)
        # Anything else in the story (a category label, a command) is a line that got in twice
        # over from a redelivered step.
        result.story_lines_duplicated += sum(n for line, n in lines.items() if line not in STORY)
        answers = len(person._deliveries())
        result.replies_lost += max(0, person.events - answers)
        result.replies_duplicated += max(0, answers - person.events)
        result.steps_unanswered += person.unanswered
    return result


def settle_deliveries(sim: SimClient, quiet_seconds: float, longest: float) -> None:
    """Wait until nothing new has been delivered for a while: the retry jobs' answers too."""
    deadline = time.monotonic() + longest
    count, since = -1, time.monotonic()
    while time.monotonic() < deadline:
        now = sim.stats()  # counters, not the whole record
        current = sum(now["requests"].values())  # every request the bot made to LINE
        if current != count:
            count, since = current, time.monotonic()
        elif time.monotonic() - since >= quiet_seconds:
            return
        time.sleep(0.5)


def webhook_statuses(sim: SimClient, people: list[Person]) -> set[int | None]:
    """Every status the bot answered these people's webhooks with (None: no answer)."""
    ids = {event_id for person in people for event_id in person.event_ids}
    return {w["status"] for w in sim.webhooks() if w["webhookEventId"] in ids}
