"""From a message to an Understanding: normalise, detect language, classify, decide, extract."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .classifier import IntentClassifier, Ranked
from .entities import Entity, extract_entities
from .fallback import OUT_OF_SCOPE, Decision, FallbackPolicy
from .language import detect_language
from .normalize import normalize

# Nothing a person could mean: no letter or digit of any script after normalisation.
_CONTENT = re.compile(r"[^\W_]")
# LINE caps a text message at 5,000 characters; past this, pasted text is not worth a search.
_MAX_ENTITY_CHARS = 20_000


@dataclass(frozen=True, slots=True)
class Understanding:
    """Everything the bot needs to answer one message."""

    text: str
    normalized: str
    lang: str
    intent: str
    confidence: float
    ranking: tuple[Ranked, ...]
    entities: tuple[Entity, ...]
    decision: Decision

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "normalized": self.normalized,
            "lang": self.lang,
            "intent": self.intent,
            "confidence": round(self.confidence, 4),
            "ranking": [r.to_dict() for r in self.ranking],
            "entities": [e.to_dict() for e in self.entities],
            "decision": self.decision.kind,
        }


class NLU:
    """A trained classifier with its fallback policy."""

    def __init__(
        self, classifier: IntentClassifier, policy: FallbackPolicy | None = None, top_k: int = 5
    ) -> None:
        if not classifier.is_trained:
            raise ValueError("the NLU needs a trained classifier")
        self.classifier = classifier
        self.policy = policy or FallbackPolicy()
        self.top_k = top_k

    @classmethod
    def load(cls, model_dir: str | Path, policy: FallbackPolicy | None = None) -> NLU:
        """Load the saved classifier; FileNotFoundError when none was trained."""
        nlu = cls(IntentClassifier.load(model_dir), policy)
        nlu.warm_up()
        return nlu

    def warm_up(self) -> None:
        """Build the tokeniser's dictionary and the place index now, not on the first message."""
        self.understand("สวัสดีค่ะ อ.จะนะ")

    def understand(self, text: str) -> Understanding:
        """Understand one message; any string is accepted, none raises."""
        normalized = normalize(text)
        if _CONTENT.search(normalized):
            ranking = tuple(self.classifier.predict(text, self.top_k, normalized=normalized))
        else:
            ranking = (Ranked(OUT_OF_SCOPE, 1.0),)
        decision = self.policy.decide(ranking)
        return Understanding(
            text=text,
            normalized=normalized,
            lang=detect_language(text),
            intent=ranking[0].intent,
            confidence=ranking[0].confidence,
            ranking=ranking,
            entities=tuple(extract_entities(text[:_MAX_ENTITY_CHARS])),
            decision=decision,
        )
