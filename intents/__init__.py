"""Thai intent understanding for AsaBot: normaliser, tokeniser, classifier, entities.

Plain Python NLU (PyThaiNLP, scikit-learn, geothai); it never imports Flask or `bot`.
"""

from .entities import Entity, extract_entities
from .language import detect_language
from .normalize import normalize
from .taxonomy import IntentDef, Taxonomy, load_taxonomy
from .tokenize import tokenize

__all__ = [
    "Entity",
    "IntentDef",
    "Taxonomy",
    "detect_language",
    "extract_entities",
    "load_taxonomy",
    "normalize",
    "tokenize",
]
