"""The words people type for the articles' words (words.yaml): read alike when searching.

Tokens come from PyThaiNLP's newmm with the classifier's dictionary (intents/tokenize.py) plus
every form listed in words.yaml, so a typed form comes out whole and is replaced by the
articles' word. The same reading is applied to articles at load time and to questions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from pythainlp.util import Trie

from intents.normalize import normalize

WORDS_FILE = Path(__file__).with_name("words.yaml")
# The search token of a kind of question ("ถาม:วิธี"): no word of any text has the colon.
ASKS_PREFIX = "ถาม:"
# newmm can take exponential time on long ambiguous runs; its safe mode caps that.
_SAFE_MODE_FROM = 400


@dataclass(frozen=True)
class Vocabulary:
    """words.yaml, parsed: typed token -> the articles' tokens, phrase rewrites, grievances."""

    tokens: dict[str, tuple[str, ...]]
    phrases: tuple[tuple[re.Pattern[str], str], ...]
    grievances: tuple[re.Pattern[str], ...]
    asking: tuple[re.Pattern[str], ...]
    sources: dict[str, str]
    # What kind of answer a question asks for (how, which matters, what happens next...).
    asks: tuple[tuple[str, re.Pattern[str]], ...] = ()
    # The kinds a topic's main article answers when asked of the topic alone ("คืออะไร").
    of_a_topic: frozenset[str] = frozenset()
    # Words that ask for a way to reach someone, not a topic ("โทร", "สายด่วน").
    reaching: frozenset[str] = frozenset()
    # The kinds a figure of the person's own asks ("หักเพิ่มเป็น 875": how much).
    of_a_figure: frozenset[str] = frozenset()


@cache
def vocabulary(path: Path = WORDS_FILE) -> Vocabulary:
    """The parsed word list; raises ValueError on a group without a source."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    sources: dict[str, str] = {}
    mapping: dict[str, str] = {}
    phrases: list[tuple[re.Pattern[str], str]] = []
    for section in ("synonyms", "phrases"):
        for group in data.get(section) or []:
            word, typed, source = group.get("word"), group.get("typed"), group.get("source")
            if not word or not typed or not source:
                raise ValueError(f"{path.name}: {section}: {group!r} needs word, typed and source")
            sources[str(word)] = str(source).strip()
            for form in typed:
                form = str(form).lower()
                if section == "synonyms":
                    mapping[form] = str(word)
                else:
                    # Longest first, so "จ.ปน" is not read as "จ." + "ปน".
                    phrases.append((re.compile(re.escape(form)), f" {word} "))
    phrases.sort(key=lambda item: -len(item[0].pattern))
    grievances = tuple(re.compile(str(p)) for p in data.get("grievances") or [])
    asking = tuple(re.compile(str(p)) for p in data.get("asking") or [])
    asks: list[tuple[str, re.Pattern[str]]] = []
    of_a_topic: set[str] = set()
    of_a_figure: set[str] = set()
    for group in data.get("asks") or []:
        kind, forms, source = group.get("kind"), group.get("forms"), group.get("source")
        if not kind or not forms or not source:
            raise ValueError(f"{path.name}: asks: {group!r} needs kind, forms and source")
        sources[f"{ASKS_PREFIX}{kind}"] = str(source).strip()
        asks.append((f"{ASKS_PREFIX}{kind}", re.compile("|".join(str(f) for f in forms))))
        if group.get("of_a_topic"):
            of_a_topic.add(f"{ASKS_PREFIX}{kind}")
        if group.get("of_a_figure"):
            of_a_figure.add(f"{ASKS_PREFIX}{kind}")
    # A word of two ("ค่าจ้าง ขั้นต่ำ") is read as its two tokens.
    tokens = {
        form: tuple(t for part in word.split() for t in _raw_tokens(part))
        for form, word in mapping.items()
    }
    return Vocabulary(
        tokens,
        tuple(phrases),
        grievances,
        asking,
        sources,
        tuple(asks),
        frozenset(of_a_topic),
        frozenset(str(w) for w in data.get("reaching") or []),
        frozenset(of_a_figure),
    )


@cache
def _dictionary() -> Trie:
    from pythainlp.util import dict_trie

    from intents.tokenize import dictionary as classifier_dictionary

    data = yaml.safe_load(WORDS_FILE.read_text(encoding="utf-8"))
    extra = {str(g["word"]) for g in data.get("synonyms") or [] if len(str(g["word"]).split()) == 1}
    extra |= {str(f).lower() for g in data.get("synonyms") or [] for f in g["typed"]}
    return dict_trie(set(classifier_dictionary()) | extra)


def _raw_tokens(text: str) -> list[str]:
    from pythainlp.tokenize import word_tokenize

    engine = "newmm-safe" if len(text) >= _SAFE_MODE_FROM else "newmm"
    words = word_tokenize(text, custom_dict=_dictionary(), engine=engine, keep_whitespace=False)
    return [w.strip() for w in words if w.strip()]


def rewrite_phrases(text: str) -> str:
    """Short forms and cut-prone forms replaced by the articles' word, inside the text."""
    for pattern, word in vocabulary().phrases:
        text = pattern.sub(word, text)
    return text


# An office's name is one word to the segmenter ("สำนักงานผู้ตรวจการแผ่นดิน"): read whole, it
# would not match the body it belongs to ("ผู้ตรวจการแผ่นดิน") nor a question naming only that.
OFFICE = "สำนักงาน"


def read_tokens(text: str) -> list[str]:
    """Every token of `text` (lower case, phrases rewritten), typed forms as the articles'; an
    office's name also as the words after "สำนักงาน"."""
    mapping = vocabulary().tokens
    out: list[str] = []
    for token in _raw_tokens(rewrite_phrases(text.lower())):
        out.extend(mapping.get(token, (token,)))
        if token.startswith(OFFICE) and len(token) > len(OFFICE) + 2:
            for part in _raw_tokens(token[len(OFFICE) :]):
                out.extend(mapping.get(part, (part,)))
    return out


def tells_of_a_wrong(text: str) -> bool:
    """Whether the question tells of a wrong done to the person (words.yaml `grievances`)."""
    read = " ".join(read_tokens(text))
    return any(pattern.search(read) for pattern in vocabulary().grievances)


def asks_to_be_told(text: str) -> bool:
    """Whether the message asks to be told something (words.yaml `asking`): a question, or a
    number or hotline asked for."""
    typed = normalize(text).lower()
    return any(pattern.search(typed) for pattern in vocabulary().asking)


def asked_kinds(text: str, of_a_topic: bool = True) -> tuple[str, ...]:
    """The kinds of answer `text` asks for (words.yaml `asks`), one token per form found: "ยังไง"
    asks how, "เรื่องอะไรบ้าง" which matters, "ถึงไหนแล้ว" what has happened since. A title
    phrased as a question carries them too ("ทำได้ทางไหน", "เรื่องเดินต่ออย่างไร"). Without
    `of_a_topic`, the kinds a topic's main article answers ("คืออะไร") are left out."""
    typed = normalize(text).lower()
    words = vocabulary()
    return tuple(
        kind
        for kind, pattern in words.asks
        if of_a_topic or kind not in words.of_a_topic
        for _ in pattern.finditer(typed)
    )
