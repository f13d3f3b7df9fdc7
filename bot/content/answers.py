"""What handlers call: an intent (plus province and text) in, LINE messages out.

Every function takes a Session and plain values, so it can be used from a handler, a job or a
test alike. Postbacks: "อ่านต่อ" sends `action=read_more&article=<id>` (→ read_more_messages),
a related-article button or a carousel card sends `action=article&article=<id>`
(→ article_messages).

Answers are in the reader's language (`lang`, "th" or "ms"): a Malay question is answered from
the Malay articles, ranked on their own words; when no Malay article is filed under the intent,
the Thai answer comes with one Malay line saying it is only in Thai for now.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import Any

from linebot.v3.messaging import Message, QuickReply, TextMessage
from sqlalchemy.orm import Session

from bot.content import choose, compose, links, search, store, wages
from bot.content.languages import ANSWER_LANGS, MALAY, THAI, answer_lang, framing, only_in_thai
from bot.content.models import ContentArticle
from bot.content.replies import (
    GRIEVANCE_INTENTS,
    HOTLINE_MENTION,
    complaint_offer,
    no_information_messages,
)
from bot.content.replies import is_no_information as is_no_information  # the handlers' import
from bot.content.sections import named_sections
from bot.content.thai import everyday_word_share
from bot.content.words import asks_to_be_told, tells_of_a_wrong
from bot.core.i18n import N_, translate
from intents.taxonomy import load_taxonomy

DID_YOU_MEAN = framing(THAI).did_you_mean
ARTICLE_GONE = framing(THAI).article_gone
HELP_INTENT = "help_menu"
NO_INFORMATION = framing(THAI).no_information
NEARBY_TOPICS = framing(THAI).nearby_topics
HELP_FALLBACK = N_("อาสาบอทช่วยอะไรได้บ้าง เลือกหัวข้อด้านล่างได้เลยค่ะ")
# Below this share of a question's weighted words, the picked article may be about something
# else. Measured on tests/content (article_questions.yaml, all answerable; and
# uncovered_questions.yaml): answerable questions score 0.36 or more but for three, uncovered
# ones 0.27 or less but for two. 0.3 sat in that gap; 0.35 (2026-12-02) still does, and also
# declines "ร้องผู้ตรวจการเสียเงินไหม" (0.33: only the topic's words, not the cost, are in the
# articles). On asked_questions.yaml 0.35 lost nothing; 0.4 lost two answerable questions.
MIN_COVERAGE = 0.35
# An article of another intent than the classifier's is chosen only when it holds this share
# of the question's weighted words.
CROSS_INTENT_COVERAGE = 0.6
# Among Malay articles every Latin word weighs by its rarity alone (search.term_weights: no
# corpus says which Malay words are everyday), so a question's verbs and adverbs ("paling lama",
# "baca") weigh as topics do and the best article of another intent holds less of the question
# than in Thai. Measured on tests/content/malay_questions.yaml (2026-12-06): at 0.3 three answers
# leave a wrong intent for the article that answers them (working hours asked as a wage, where
# to read Ombudsman news, a child at work); 0.25 lost two others, 0.35 one of the three.
MALAY_CROSS_INTENT_COVERAGE = 0.3
# Topic words (not everyday Thai) of a question that one article holding answers it anyway.
LONG_STORY_WORDS = 4
# A question of at least this many search words is a story rather than a question.
LONG_STORY = 8
# The news article answers any "what's new" message; there is no question to fall short of.
# Job search and training articles are guides (where to look, how to apply): "a driving job in
# Betong?" or "a barista course?" is answered by the guide, the vacancy or the course by the
# office it names; on the classifier's test questions these two made most of the no-information
# answers, nearly all wrongly.
ALWAYS_ANSWERED = frozenset({"announcements", "job_search", "skill_training"})
COMPLAINT_LABEL = framing(THAI).complaint_label
COMPLAINT_OFFER = framing(THAI).complaint_offer


def _topic(intent_id: str) -> str:
    taxonomy = load_taxonomy()
    return taxonomy.label(intent_id) if intent_id in taxonomy.ids else ""


def pick_article(
    articles: Sequence[ContentArticle],
    intent_id: str,
    province: str | None = None,
    query: str | None = None,
) -> ContentArticle | None:
    """The best article for an intent: the words they used, weighed by the province and the
    law sections asked about; then the article whose title is the question's words, the
    article's main intent, and the author's priority, in that order. A question that only names
    the intent's topic ("ประกันสังคม") gets the intent's main article."""
    candidates = [a for a in articles if intent_id in a.intents]
    if not candidates:
        return None
    wanted = choose.wanted_province(candidates, province, query)
    sections = named_sections(query or "")

    titled = search.titled_by(candidates, query) if query else None

    def standing(a: ContentArticle) -> tuple[Any, ...]:
        return (
            # The province and the law sections asked about, weighed as choose.py weighs them.
            choose.standing(a, wanted, sections),
            a is titled,
            a.intents[0] == intent_id,
            a.priority,
            # Last resort: the first id alphabetically, so the answer never flickers.
            [-ord(ch) for ch in a.id],
        )

    if not query or search.is_generic(candidates, query, _topic(intent_id)):
        # Every article of the intent matches a generic question about as well, and the scores
        # would only pick the shortest one.
        return max(candidates, key=standing)
    relevance = {hit.article.id: hit.score for hit in search.rank(candidates, query)}
    return max(
        candidates,
        key=lambda a: (
            round(relevance.get(a.id, 0.0) * choose.standing(a, wanted, sections), 3),
            standing(a),
        ),
    )


@cache
def _place_names() -> frozenset[str]:
    # The region's provinces, districts and sub-districts, as the classifier's segmenter knows
    # them: a question naming a district is not asking about something the content lacks.
    from intents.tokenize import abbreviations, domain_words, lexicon

    return domain_words() - set(lexicon()["words"]) - set(abbreviations())


@cache
def _place_names_longest_first() -> tuple[str, ...]:
    return tuple(sorted(_place_names(), key=len, reverse=True))


def _without_place_names(query: str) -> str:
    """The question with its place names taken out. The segmenter can cut a name in two inside
    a sentence ("สุไหง|โกลก", since "โกลก" alone is a known spelling); taken out whole first, no
    piece of it is mistaken for a topic no article has."""
    for name in _place_names_longest_first():
        if len(name) > 2 and name in query:
            query = query.replace(name, " ")
    return query


def warm_up() -> None:
    """Load the word lists answering reads on first use (about 0.3 s), before any request."""
    _place_names()
    _place_names_longest_first()
    load_taxonomy()
    everyday_word_share("เลย")


# One question per kind of answer (an intent's card, a two-part question, a "no information"
# answer, the search carousel): answering them builds every index the answers keep.
_WARM_UP_QUESTIONS = (
    "ค่าแรงขั้นต่ำปัตตานีวันละเท่าไหร่ แล้วประกันสังคมมาตรา 40 จ่ายเท่าไร",
    "ลาคลอดได้กี่วัน",
)


def warm_up_content(session: Session) -> None:
    """Read the content and build its search indexes (the BM25 fields of every article set an
    answer ranks, the passages), as the first question of a process would otherwise have to.
    bot/wsgi.py calls it before gunicorn forks, so every worker starts with them built."""
    served = store.snapshot(session)
    for lang in ANSWER_LANGS:  # each language's articles are an article set of their own
        articles = served.articles(lang)
        for intent_id in sorted({i for a in articles for i in a.intents}):
            for question in _WARM_UP_QUESTIONS:
                answer_for_intent(session, intent_id, None, question, lang)
                pick_article(articles, intent_id, None, question)
        for question in _WARM_UP_QUESTIONS:
            search_messages(session, question, lang=lang)
            answer_outside_intents(session, None, question, lang)


def covers_question(
    articles: Sequence[ContentArticle], article: ContentArticle, intent_id: str, query: str | None
) -> bool:
    """Whether `article`, picked for the question, is about what was asked. Not when less than
    MIN_COVERAGE of the question's weighted words are in it, and the question has topic words
    no article of the intent has ("ลาคลอด"), and the article's title and summary share none of
    the question's specific words. A generic question is always covered."""
    if not query:
        return True
    candidates = [a for a in articles if intent_id in a.intents]
    topic = _topic(intent_id)
    if search.is_generic(candidates, query, topic):
        return True
    if search.coverage(articles, article, query) >= MIN_COVERAGE:
        return True
    long_story = len(set(search.query_tokens(query))) >= LONG_STORY
    if long_story and search.shared_topic_words(article, query) >= LONG_STORY_WORDS:
        # A long story ("ทำงานโรงงาน… ตกจากที่สูงแขนหัก…") holds many words no article has,
        # which keeps its share low; this many of its topic words in one article answer it.
        return True
    plain = _without_place_names(query)
    return not search.unanswered_words(candidates, article, plain, topic, _place_names())


# A question the classifier calls out of scope is still answered when one article holds at
# least this share of its weighted words: "1694 เปิดตั้งแต่เมื่อไหร่" names nothing else.
OUT_OF_SCOPE_COVERAGE = 0.75
# Intents answered by a flow or the menu rather than an article. A message filed under one that
# asks to be told something ("ร้องเรียนนายจ้างเบอร์อะไร", "1880 โทรเรื่องอะไรได้บ้าง") is
# answered from the content when an article clearly holds it, as an out-of-scope one is.
COMPLAINT_INTENT = "complaint_file"
TOLD_FROM_CONTENT = frozenset({COMPLAINT_INTENT, HELP_INTENT})


def answer_outside_intents(
    session: Session, province: str | None, query: str, lang: str = THAI
) -> list[Message] | None:
    """An article in `lang` for a question the classifier put outside every intent, when one
    article clearly holds what it asks (OUT_OF_SCOPE_COVERAGE); None otherwise."""
    articles = [
        a for a in store.snapshot(session).articles(answer_lang(lang)) if a.intents != [HELP_INTENT]
    ]
    chosen = _clear_answer(session, articles, province, query)
    return None if chosen is None else [_card(session, chosen, query)]


def _clear_answer(
    session: Session, articles: Sequence[ContentArticle], province: str | None, query: str
) -> choose.Choice | None:
    # The article staff linked to the question, else the best one if it clearly holds it.
    linked = links.linked_article(session, articles, query)
    if linked is not None:
        return choose.Choice(linked, 1.0)
    best = choose.rank_all(articles, None, province, query).best
    if best is None or search.coverage(articles, best.article, query) < OUT_OF_SCOPE_COVERAGE:
        return None
    return best


def answer_asked_outright(
    session: Session, intent_id: str | None, province: str | None, query: str, lang: str = THAI
) -> list[Message] | None:
    """For a message filed under a flow's or the menu's intent (TOLD_FROM_CONTENT) that asks
    to be told something: the article that clearly answers it, as for an out-of-scope question,
    with the complaint flow still one tap away after a complaint's. None when the message asks
    nothing ("อยากร้องเรียนนายจ้าง" starts the flow), when no article clearly answers it, or
    when the help article answers it best ("อาสาบอททำอะไรได้บ้าง" is the menu's question)."""
    if intent_id not in TOLD_FROM_CONTENT or not asks_to_be_told(query):
        return None
    lang = answer_lang(lang)
    chosen = _clear_answer(session, store.snapshot(session).articles(lang), province, query)
    if chosen is None or chosen.article.intents == [HELP_INTENT]:
        return None
    found = [_card(session, chosen, query)]
    return complaint_offer(found, lang) if intent_id == COMPLAINT_INTENT else found


def _answer(session: Session, article: ContentArticle, query: str | None = None) -> list[Message]:
    lead = wages.lead_for(session, article, query)  # a wage article: its rates, from the data
    return [compose.article_message(article, store.snapshot(session).related(article), lead=lead)]


def _lead(chosen: choose.Choice) -> str | None:
    """The passage that answers the question, with the summary's line naming whom to call
    when the passage names nobody (the summary is the reviewed answer; it always does)."""
    if chosen.passage is None:
        return None
    text = chosen.passage.text
    if HOTLINE_MENTION.search(text):
        return text
    naming = [s for s in _sentences(chosen.article.summary) if HOTLINE_MENTION.search(s)]
    # Every sentence naming a number when they leave the passage room, else the first: the
    # summary's main number ("1506 กด 5") before a conditional one ("ถ้าเป็นแรงงานต่างด้าว 1694").
    for contact in (" ".join(naming), *naming[:1]):
        room = compose.MAX_LEAD - len(contact) - 2
        if room > MIN_PASSAGE_ROOM:
            return f"{compose.truncate(text, room)}\n\n{contact}"
    return text


# Characters a passage keeps at least beside the summary's sentences naming whom to call.
MIN_PASSAGE_ROOM = 80
# A summary is folded onto one line (YAML ">-"): its sentences end with a polite particle or a
# full stop before a space, as the articles write them ("...ได้ค่ะ เตรียม...").
_SENTENCE_END = re.compile(r"(?:(?<=ค่ะ)|(?<=คะ)|(?<=\.))\s+|\n+")


def _sentences(text: str) -> list[str]:
    """`text` cut into its sentences: the line naming whom to call is one sentence, not the
    whole summary (a 300-character summary left the passage it follows 90 characters)."""
    return [piece.strip() for piece in _SENTENCE_END.split(text) if piece.strip()]


def _card(session: Session, chosen: choose.Choice, query: str | None = None) -> Message:
    lead = wages.lead_for(session, chosen.article, query) or _lead(chosen)
    related = store.snapshot(session).related(chosen.article)
    return compose.article_message(chosen.article, related, lead=lead)


def _intent_for(article: ContentArticle, intent_id: str) -> str:
    # Coverage is judged among the articles of the intent the chosen article is filed under.
    return intent_id if intent_id in article.intents else article.intents[0]


def answer_for_intent(
    session: Session,
    intent_id: str,
    province: str | None,
    query: str | None = None,
    lang: str = THAI,
) -> list[Message] | None:
    """The answer for a question the classifier put under `intent_id`, or None when no
    article covers the intent and none matches the question's words.

    `province` is the user's province (any spelling or geothai code); `query` is what they
    typed: the article (and the passage within it) is chosen for it among every article, the
    intent weighing in (choose.py). A two-part question gets a card for each part; a question
    that tells of a wrong done to the person is offered the complaint flow. When no article is
    about what was asked, the answer says so and names a hotline instead. `lang` is the
    reader's language; with no article of the intent in it, the Thai answer says so."""
    lang = answer_lang(lang)
    articles = store.snapshot(session).articles(lang)
    if lang != THAI and not any(intent_id in a.intents for a in articles):
        # The question's words cannot rank Thai articles: the intent's main one answers.
        thai = answer_for_intent(session, intent_id, province)
        return None if thai is None else only_in_thai(thai, lang)
    searchable = [a for a in articles if a.intents != [HELP_INTENT]]
    own = [a for a in articles if intent_id in a.intents]
    linked = links.linked_article(session, searchable, query) if query else None
    if linked is not None:
        # Staff said which article answers this question (the console's unsure page).
        return _finish(query, [_card(session, choose.Choice(linked, 1.0), query)], [linked], lang)
    if not query or (own and search.is_generic(own, query, _topic(intent_id))):
        article = pick_article(articles, intent_id, province, query)
        return None if article is None else _answer(session, article, query)
    ranked = choose.rank_all(searchable, intent_id, province, query).choices
    best = ranked[0] if ranked else None
    if best is not None and intent_id not in best.article.intents:
        # Leaving the classifier's intent needs the words to say so clearly; otherwise the
        # intent's own best article is judged (and may be honestly declined).
        leave = MALAY_CROSS_INTENT_COVERAGE if lang == MALAY else CROSS_INTENT_COVERAGE
        if search.coverage(articles, best.article, query) < leave:
            best = next((c for c in ranked if intent_id in c.article.intents), None)
    if best is None and intent_id in ALWAYS_ANSWERED and own:
        article = pick_article(articles, intent_id, province, query)
        return None if article is None else _answer(session, article, query)
    if best is None:
        if not own:
            return None
        main = pick_article(articles, intent_id, province)
        offered = [main] if main else []
        return no_information_messages(session, intent_id, articles, offered, query, lang)
    answered = intent_id in ALWAYS_ANSWERED or covers_question(
        articles, best.article, _intent_for(best.article, intent_id), query
    )
    if not answered:
        main = pick_article(articles, intent_id, province)
        nearest = [best.article] if main is None or main.id != best.article.id else []
        offered = nearest + ([main] if main is not None else [])
        return no_information_messages(session, intent_id, articles, offered, query, lang)
    messages = [_card(session, best, query)]
    second = choose.second_part(searchable, intent_id, province, query, best)
    if second is not None:
        messages[0].quick_reply = None
        messages.append(_card(session, second, query))
    shown = [best.article] + ([second.article] if second is not None else [])
    return _finish(query, messages, shown, lang)


def _finish(
    query: str | None,
    messages: list[Message],
    shown: Sequence[ContentArticle],
    lang: str = THAI,
) -> list[Message]:
    """The answer, with the complaint flow offered when the question tells of a wrong done to
    the person and an article shown is about a topic staff follow up as a complaint."""
    if query and tells_of_a_wrong(query) and any(set(a.intents) & GRIEVANCE_INTENTS for a in shown):
        return complaint_offer(messages, lang)
    return messages


def _gone(article_id: str) -> list[Message]:
    # A tapped card's id says its language ("severance-pay-ms"): the apology is in it too.
    lang = article_id.rsplit("-", 1)[-1] if "-" in article_id else THAI
    return [TextMessage(text=framing(lang).article_gone)]


def article_messages(session: Session, article_id: str) -> list[Message]:
    """One article's answer card, for a related-article or carousel postback."""
    article = store.snapshot(session).by_id.get(article_id)
    return _gone(article_id) if article is None else _answer(session, article)


def read_more_messages(session: Session, article_id: str) -> list[Message]:
    """The article body in at most five texts of at most 5,000 characters, sources last."""
    served = store.snapshot(session)
    article = served.by_id.get(article_id)
    if article is None:
        return _gone(article_id)
    return compose.read_more(article, store.snapshot(session).related(article))


def search_messages(
    session: Session, query: str, limit: int = 3, lang: str = THAI
) -> list[Message] | None:
    """When the classifier is unsure: the best matching articles in `lang` as a carousel, or
    None."""
    # The help article talks about every topic at once; as a search result it only distracts.
    lang = answer_lang(lang)
    articles = [a for a in store.snapshot(session).articles(lang) if a.intents != [HELP_INTENT]]
    hits = search.rank(articles, query)[: max(1, min(limit, 12))]
    if not hits:
        return None
    found = [hit.article for hit in hits]
    ask = framing(lang).did_you_mean
    alt = ask + " " + " / ".join(a.title for a in found)
    return [TextMessage(text=ask), compose.carousel_message(found, alt)]


def help_menu_messages(
    session: Session, menu: QuickReply | None = None, lang: str = THAI
) -> list[Message]:
    """What the bot can do; `menu` (the main menu quick reply) replaces the related buttons.
    In Thai, with a line saying so, when the help article is not written in `lang`."""
    lang = answer_lang(lang)
    article = pick_article(store.snapshot(session).articles(lang), HELP_INTENT)
    if article is None and lang != THAI:
        return only_in_thai(help_menu_messages(session, menu), lang)
    if article is None:
        return [TextMessage(text=translate(HELP_FALLBACK, lang), quick_reply=menu)]
    message = compose.article_message(article, store.snapshot(session).related(article))
    if menu is not None:
        message.quick_reply = menu
    return [message]
