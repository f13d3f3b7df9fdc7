"""Thai and Malay intent understanding for AsaBot: language, Jawi, classifier, entities.

Plain Python NLU (PyThaiNLP, scikit-learn, geothai, py3langid); it never imports Flask or `bot`.
"""

from .entities import Entity, extract_entities
from .jawi import transliterate
from .language import LanguageGuess, detect_language, identify
from .normalize import normalize
from .taxonomy import IntentDef, Taxonomy, load_taxonomy
from .tokenize import tokenize

__all__ = [
    "Entity",
    "IntentDef",
    "LanguageGuess",
    "Taxonomy",
    "detect_language",
    "extract_entities",
    "identify",
    "load_taxonomy",
    "normalize",
    "tokenize",
    "transliterate",
]
