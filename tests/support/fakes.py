"""Stand-ins for the bot's two outside seams: the LINE client and the NLU.

Each speaks the real types: `RecordingLine` is shaped like `bot.core.line.LineApi` and answers
profiles with the SDK's `UserProfileResponse`; `PhraseNLU` returns `intents.pipeline.Understanding`
decided by the real fallback policy. End-to-end tests use the real SDK against the emulator, and
`trained_nlu` is the real classifier.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from linebot.v3.messaging import UserProfileResponse
from linebot.v3.messaging.models import Message

from bot.core.line import DUMMY_REPLY_TOKENS, SENT, Delivered
from intents.classifier import Ranked
from intents.fallback import OUT_OF_SCOPE, FallbackPolicy
from intents.pipeline import Understanding


@dataclass
class RecordingLine:
    """Records what the bot would send (replies and pushes) instead of calling LINE."""

    deliveries: list[dict[str, Any]] = field(default_factory=list)
    pushes: list[dict[str, Any]] = field(default_factory=list)
    profiles: dict[str, str] = field(default_factory=dict)  # user id -> display name
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def deliver(
        self,
        reply_token: str | None,
        to: str | None,
        messages: Sequence[Message],
        *,
        retry_key: str | None = None,
        reply_uncertain: bool = False,
        bodies: Sequence[dict[str, Any]] | None = None,
    ) -> Delivered:
        """LINE accepting every answer: recorded as a reply (`retry_key` is what a push uses)."""
        if not messages or reply_token in DUMMY_REPLY_TOKENS:
            return Delivered(SENT, "none")
        with self._lock:
            self.deliveries.append(
                {
                    "reply_token": reply_token,
                    "to": to,
                    # What LINE would receive: the bodies when the bot made them already.
                    "messages": (
                        list(bodies) if bodies is not None else [m.to_dict() for m in messages]
                    ),
                    "retry_key": retry_key,
                }
            )
        return Delivered(SENT, "reply")

    def push(self, to: str, messages: Sequence[Message], retry_key: str | None = None) -> None:
        with self._lock:
            self.pushes.append(
                {"to": to, "messages": [m.to_dict() for m in messages], "retry_key": retry_key}
            )

    def profile(self, user_id: str) -> UserProfileResponse | None:
        name = self.profiles.get(user_id)
        if name is None:
            return None
        return UserProfileResponse(display_name=name, user_id=user_id, language="th")

    def texts(self) -> list[str]:
        """The text of every replied message, in order."""
        return [m.get("text", "") for d in self.deliveries for m in d["messages"]]


class PhraseNLU:
    """Knows the intent of a few exact phrases (and of text starting with a few prefixes);
    everything else is out of scope. What the handlers then do with the words is theirs.

    A phrase maps to an intent, or to (intent, confidence) where the confidence matters.
    """

    def __init__(
        self,
        phrases: Mapping[str, str | tuple[str, float]],
        *,
        prefixes: Mapping[str, str] | None = None,
        confidence: float = 0.9,
    ) -> None:
        self.phrases = {
            text: (meant, confidence) if isinstance(meant, str) else meant
            for text, meant in phrases.items()
        }
        self.prefixes = dict(prefixes or {})
        self.confidence = confidence
        self.policy = FallbackPolicy()

    def _reading(self, text: str) -> tuple[str, float]:
        for prefix, intent in self.prefixes.items():
            if text.startswith(prefix):
                return intent, self.confidence
        return self.phrases.get(text.strip(), (OUT_OF_SCOPE, self.confidence))

    def understand(self, text: str) -> Understanding:
        """The phrase's intent, ranked alone, with the real policy's decision on it."""
        intent, confidence = self._reading(text)
        ranking = (Ranked(intent, confidence),)
        return Understanding(
            text=text,
            normalized=text.strip(),
            lang="th",
            reading=None,  # a Jawi message's Rumi reading; these fakes take Thai
            intent=intent,
            confidence=confidence,
            ranking=ranking,
            entities=(),
            decision=self.policy.decide(ranking),
        )


class RankingNLU:
    """Reads every message the same way: one fixed ranking, decided by the real fallback policy
    (a policy of the test's own when it needs, say, more candidates than the default offers)."""

    def __init__(
        self, ranking: Sequence[tuple[str, float]], policy: FallbackPolicy | None = None
    ) -> None:
        self.ranking = tuple(Ranked(intent, confidence) for intent, confidence in ranking)
        self.policy = policy or FallbackPolicy()

    def understand(self, text: str) -> Understanding:
        top = self.ranking[0]
        return Understanding(
            text=text,
            normalized=text.strip(),
            lang="th",
            reading=None,  # a Jawi message's Rumi reading; these fakes take Thai
            intent=top.intent,
            confidence=top.confidence,
            ranking=self.ranking,
            entities=(),
            decision=self.policy.decide(self.ranking),
        )
