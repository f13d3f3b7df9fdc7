"""From a message to an Understanding: language, Jawi read as Rumi, intent, decision, entities.

Jawi is classified through its Rumi reading (intents/jawi.py) and its entities are found there
too, with their spans mapped back to the text as typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .classifier import IntentClassifier, Ranked
from .entities import Entity, extract_entities
from .fallback import OUT_OF_SCOPE, Decision, FallbackPolicy
from .jawi import transliterate
from .language import Script, identify, load_identifier
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
    lang: str  # "th", "ms" (Rumi or Jawi), "en" or "und"
    intent: str
    confidence: float
    ranking: tuple[Ranked, ...]
    entities: tuple[Entity, ...]
    decision: Decision
    script: Script = "thai"  # what decided `lang`: thai, arabic (Jawi), latin or none
    reading: str | None = None  # the Rumi reading a Jawi message was classified by

    @property
    def language(self) -> str:
        """The detected language (the same as `lang`)."""
        return self.lang

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "normalized": self.normalized,
            "lang": self.lang,
            "script": self.script,
            "reading": self.reading,
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
        """Build the dictionary, the place index, the language model and the Jawi table now."""
        load_identifier()
        self.understand("สวัสดีค่ะ อ.จะนะ")
        self.understand("saya nak tanya di Patani")
        self.understand("ساي ماهو برتاڽ")

    def understand(self, text: str) -> Understanding:
        """Understand one message; any string is accepted, none raises."""
        guess = identify(text)
        reading = transliterate(text) if guess.script == "arabic" else None
        source = reading.rumi if reading else text
        normalized = normalize(source)
        if _CONTENT.search(normalized):
            ranking = tuple(self.classifier.predict(source, self.top_k, normalized=normalized))
        else:
            ranking = (Ranked(OUT_OF_SCOPE, 1.0),)
        decision = self.policy.decide(ranking)
        if reading is None:
            entities = extract_entities(text[:_MAX_ENTITY_CHARS])
        else:
            entities = [
                _typed_span(e, text, *reading.source_span(e.start, e.end))
                for e in extract_entities(reading.rumi[:_MAX_ENTITY_CHARS])
            ]
        return Understanding(
            text=text,
            normalized=normalized,
            lang=guess.lang,
            intent=ranking[0].intent,
            confidence=ranking[0].confidence,
            ranking=ranking,
            entities=tuple(entities),
            decision=decision,
            script=guess.script,
            reading=reading.rumi if reading else None,
        )


def _typed_span(entity: Entity, text: str, start: int, end: int) -> Entity:
    """The entity found in a Jawi message's Rumi reading, pointing into the text as typed."""
    return Entity(entity.kind, entity.value, text[start:end], start, end, dict(entity.codes))
