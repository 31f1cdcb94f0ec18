"""Key phrases: noun phrases that name the topic, ranked by where and how often their words occur.

Candidates are runs of nouns and adjectives ending in a noun, between stop words,
punctuation, verbs and adverbs (parts of speech from a lexicon learnt from the GUM corpus,
``data/pos-lexicon.tsv``, CC BY 4.0, read in context: "the crash", "solar eclipse" are
nouns, "to impose" a verb), so "told BBC One's Breakfast" or "week announced plans" are
no phrases. A possessive, an honorific, a day or a time ("on Monday", "last week") ends a
phrase, and so does a name after a lower-case noun ("in court Tavish Alva"): key phrases
name things, not "Slovenia's exports" or "Olympics today". A word weighs what its
occurrences do, an early one more (PositionRank's position bias, Florescu & Caragea 2017,
without the graph), and the headline's words count as the first sentence's; a phrase
scores its words' weights, gently normalised for its length. No phrase repeats a better
one (holds it, is held in it, or shares half its words), and one actor has one phrase
("Tiger Woods", not "golfer Woods" too). Phrases keep the casing they are most often
written with, so proper names read right.

Chinese, Japanese and Korean give no key phrases: the stop words and the stemmer are
English, Chinese and Japanese put no spaces between words, and Korean ones carry their
particles. In an article (or a sentence) written mostly in them, their characters and
full-width punctuation end a phrase like punctuation does, so only the Latin words between
them may make one ("WTO", "Donald Trump").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import cache
from importlib.resources import files

from .. import terms
from ..prose import CJK_CHARS, TITLE_ABBREVIATIONS
from .verbs import IRREGULAR

# a word (group 1) or, matching the empty group, punctuation that ends a phrase
# (, . ; : ! ? brackets, quotes, dashes, a slash, a spaced hyphen or quote); initials with
# dots ("U.S.") are a word; within a word - is kept and ' before a letter, and ’ always cuts
TOKEN_RE = re.compile(r"""((?:[A-Z]\.){2,}|[^\W_](?:[\w-]|'(?=[^\W_]))*)"""
                      r"""|[,.;:!?()\[\]"“”‘’—–/]|\s-\s|\s'|'\s""")
MAX_WORDS = 4
POSITION_DECAY = 0.5  # a word's occurrence in sentence i weighs (1 + i) ** -0.5
LENGTH_NORM = 0.3  # a phrase's score is its words' weights over len ** 0.3
WORD_USES = 3  # a word leads at most three key phrases: the rest name other things
NEGATIONS = frozenset({"not", "no", "never", "nor", "without", "cannot"})
CONTENT, STOP, NEGATION = 0, 1, 2
_MEMO_LIMIT = 100_000  # words: the memos below are cleared past this, so memory stays flat
_KINDS: dict[str, int] = {}  # word as written → CONTENT, STOP or NEGATION (a stop word too)
_STEMS: dict[str, str] = {}  # word as written → the stem of its lower case
# Chinese and Japanese characters (``prose.CJK_CHARS``) and Korean Hangul
_CJK_LETTERS = f"{CJK_CHARS}\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7a3\ud7b0-\ud7ff"
_CJK_RE = re.compile(f"[{_CJK_LETTERS}]")
# ... and with them the CJK punctuation (、。「」…) and full-width marks (，！？％…): one phrase break
_CJK_BREAK_RE = re.compile(
    f"[{_CJK_LETTERS}\u3000-\u303f\u30fb\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]+"
)


def _mostly_cjk(text: str) -> bool:
    """Whether at least half the characters of ``text`` (spaces aside) are CJK ones."""
    return 2 * len(_CJK_RE.findall(text)) >= len(text) - text.count(" ")


def _negation(word: str) -> bool:
    return word in NEGATIONS or word.endswith(("n't", "n’t"))


def _kind(word: str) -> int:
    """Whether a word may stand in a phrase; learnt once per spelling (see ``_KINDS``)."""
    if len(_KINDS) > _MEMO_LIMIT:
        _KINDS.clear()
    lower = word.lower()
    if lower in terms.stop_words() or lower in EXTRA_STOPS or lower.replace("-", "").isdigit() \
            or len(lower) < 2:
        kind = NEGATION if _negation(lower) else STOP
    else:
        kind = CONTENT
    _KINDS[word] = kind
    return kind


def _stem(word: str) -> str:
    if len(_STEMS) > _MEMO_LIMIT:
        _STEMS.clear()
    stemmed = _STEMS[word] = terms.stem(word.lower())
    return stemmed


def _candidates(text: str, cjk: bool = False) -> list[str]:
    """Runs of content words, each joined by single spaces. A run right after a negation is
    left out: "we do not support Taiwan independence" must not give the key phrase
    "support Taiwan independence". A possessive ends a run ("Slovenia's exports" gives
    "Slovenia" and "exports"), and a word's part of speech is read in its place
    (``_phrase_tag``).

    One ``findall`` gives the words and, as empty strings, the punctuation between them.
    With ``cjk`` (a text written mostly in Chinese, Japanese or Korean, or in an article
    that is), each run of their characters and marks is a phrase break.
    """
    if cjk:
        text = _CJK_BREAK_RE.sub(" , ", text)
    phrases: list[list[str]] = []
    current: list[str] = []
    tags: list[str] = []
    negated = False
    previous = STOP_TAG  # the tag of the word before; STOP_TAG after punctuation
    words = TOKEN_RE.findall(text.replace("n’t", "n't"))  # don’t: one word, a negation
    for at, word in enumerate(words):
        tag, kind = _word_tag(word, words, at, previous)
        if tag not in NOMINAL or (tags and tags[-1] != "ADJ" and current[-1][:1].islower()
                                  and word[:1].isupper()):  # "told the court Tavish Alva"
            if current and not negated:
                phrases.append(_noun_final(current, tags))
            current, tags = [], []
            negated = kind == NEGATION
        if tag in NOMINAL:
            possessive = word.endswith("'s") and len(word) > 3
            current.append(word[:-2] if possessive else word)
            tags.append(tag)
            if possessive:  # "Slovenia's exports": "Slovenia", then "exports"
                if not negated:
                    phrases.append(_noun_final(current, tags))
                current, tags, negated, tag = [], [], False, DET_TAG
        previous = tag
    if current and not negated:
        phrases.append(_noun_final(current, tags))
    return [" ".join(p) for p in phrases if p and len(p) <= MAX_WORDS]


def _word_tag(word: str, words: list[str], at: int, previous: str) -> tuple[str, int]:
    """The word's tag in a phrase (``_phrase_tag``; STOP_TAG for punctuation, a stop word,
    a number or an honorific; DET_TAG for a determiner) and its kind."""
    if not word:
        return STOP_TAG, STOP
    kind = _KINDS.get(word)
    if kind is None:
        kind = _kind(word)
    if kind == STOP and _in_name(word, words, at):
        kind = CONTENT
    if kind:
        lower = word.lower()
        if lower in DETERMINERS:
            return DET_TAG, kind
        return (VERB_NEXT if lower in BEFORE_VERBS else STOP_TAG), kind
    if word.lower().rstrip(".") in HONORIFICS:
        return STOP_TAG, STOP
    return _phrase_tag(word, previous), kind


STOP_TAG, DET_TAG, VERB_NEXT = "STOP", "DET", "TO"
# after "to" or a modal, a word the lexicon lacks is a verb unless it ends in -s ("to impose")
BEFORE_VERBS = frozenset({"to", "will", "would", "can", "could", "should", "may", "might",
                          "must", "shall"})
ADJECTIVE_ENDINGS = ("able", "ible", "ous", "ful", "less", "ive")
DETERMINERS = frozenset({"the", "a", "an", "this", "these", "those", "its", "their", "his", "her",
                         "our", "your", "my", "each", "every", "any", "some"})
# stop words that are nouns ("drug use") or open a name ("New Delhi", "Third World")
# days and times ("Olympics today", "Wednesday night" name no topic) and prepositions the
# stop list lacks ("Islamic State amid")
EXTRA_STOPS = frozenset({
    "amid", "amidst", "versus", "underneath", "alongside", "unlike", "till",
    "today", "yesterday", "tomorrow", "tonight", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "morning", "afternoon", "evening", "night", "week",
    "weekend", "month", "year", "weeks", "months", "years", "days", "day"})
NOUN_STOPS = frozenset({"use", "course", "value", "cause", "changes", "right"})
NAME_STOPS = frozenset({"new", "first", "second", "third", "fifth", "old"})


def _in_name(word: str, words: list[str], at: int) -> bool:
    """Whether a stop word stands in a phrase here: a noun the stop list holds, or "New",
    "Second" … capitalised before a capitalised word (a name)."""
    lower = word.lower()
    if lower in NOUN_STOPS:
        return True
    following = words[at + 1] if at + 1 < len(words) else ""
    return lower in NAME_STOPS and word[:1].isupper() and following[:1].isupper()


def _phrase_tag(word: str, previous: str) -> str:
    """The word's part of speech in a phrase, given the tag of the word before it.

    The lexicon's tag (``pos_tag``) for a word it holds, but a verb after a determiner or
    an adjective is a noun ("the crash", "solar eclipse"), or an adjective if it ends in
    -ed or -ing ("the alleged plot"). A word the lexicon lacks is a noun (a name when
    capitalised) unless it ends like a verb form or an adverb (-ed, -ing, -ly); hyphenated,
    it is a modifier or a noun ("performance-enhancing drugs", "fighter-bomber")."""
    lower = word.lower()
    participle = lower.endswith(("ed", "ing"))
    if previous in ("NOUN", "PROPN") and _past_after_noun(word):
        return "VERB"  # "sales rose", "rap star sued": a clause, not a phrase
    if lower in _lexicon()[0]:
        tag = _tag(word)
        if tag == "VERB" and previous in ("DET", "ADJ"):
            return "ADJ" if participle else "NOUN"
        return tag
    if word[:1].isupper():
        return "PROPN"
    if "-" in lower.strip("-"):
        return "ADJ" if participle else "NOUN"
    if lower.endswith("ly"):
        return "ADV"
    if participle and len(lower) > 5:
        return "ADJ" if previous == "DET" else "VERB"
    if previous == VERB_NEXT and not lower.endswith("s"):
        return "VERB"
    return "ADJ" if lower.endswith(ADJECTIVE_ENDINGS) else "NOUN"


def _past_after_noun(word: str) -> bool:
    """Whether ``word``, after a noun, is the noun's verb in the past: an irregular past
    ("rose", "fell", "led"; ``verbs``) or an -ed form of a verb the lexicon holds ("sued",
    "launched"; not "seed", "greed", "variant-fueled"): a participle after its noun
    describes it in a clause ("the money raised"), which is no name of a topic either."""
    lower = word.lower()
    if not word.islower() or "-" in lower:
        return False
    if lower in PAST_FORMS:
        return True
    if not lower.endswith("ed") or _lexicon()[0].get(lower) == "NOUN":
        return False
    words = _lexicon()[0]
    stems = (lower[:-1], lower[:-2], lower[:-3], lower[:-3] + "y")  # agreed, launched, planned, denied
    return any(words.get(stem) == "VERB" and stem not in IRREGULAR  # "seed" is no "see"d
               for stem in stems if len(stem) > 2)


NOMINAL = frozenset({"NOUN", "PROPN", "ADJ"})
_TAGS: dict[str, str] = {}  # word as written → its tag: NOUN, PROPN, ADJ, VERB …


# the past forms that are no base form ("rose", "led"; not "cut", "bid", "forecast", which
# name things too, nor the pasts that are nouns as often: "chain saw", "Labour left")
AMBIGUOUS_PASTS = frozenset({"saw", "thought", "left", "felt", "won", "lay", "found", "ground"})
PAST_FORMS = frozenset(form for base, forms in IRREGULAR.items() for form in forms
                       if form != base) - AMBIGUOUS_PASTS
HONORIFICS = frozenset({"miss", "sir", "lord", "lady", "dame"}) | TITLE_ABBREVIATIONS  # "Sen.", "Lt."


def _noun_final(words: list[str], tags: list[str]) -> list[str]:
    """A phrase names a thing: trailing adjectives are dropped ("policy more difficult")."""
    end = len(words)
    while end and tags[end - 1] == "ADJ":
        end -= 1
    return words[:end]


def _tag(word: str) -> str:
    """The word's part of speech from the lexicon learnt from GUM (``data/pos-lexicon.tsv``),
    else its ending's, else NOUN (PROPN when capitalised): a lexicon, not a tagger, so a
    word has one tag whatever its context; enough to keep verbs and adverbs out of phrases."""
    tag = _TAGS.get(word)
    if tag is None:
        words, suffixes = _lexicon()
        lower = word.lower()
        tag = words.get(lower) or (suffixes.get(lower[-3:]) if len(lower) > 4 else None) or (
            "PROPN" if word[:1].isupper() else "NOUN")
        if tag in ("VERB", "ADV") and word[:1].isupper() and lower not in words:
            tag = "PROPN"
        if len(_TAGS) < _MEMO_LIMIT:
            _TAGS[word] = tag
    return tag


pos_tag = _tag  # the name other modules use


@cache
def _lexicon() -> tuple[dict[str, str], dict[str, str]]:
    words: dict[str, str] = {}
    suffixes: dict[str, str] = {}
    table = words
    text = files("policybrief").joinpath("data", "pos-lexicon.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line == "#suffix":
            table = suffixes
            continue
        word, _, tag = line.partition("\t")
        if tag and not line.startswith("#"):
            table[word] = tag
    return words, suffixes


def key_phrases(texts: Iterable[str], limit: int = 8, title: str | None = None) -> list[str]:
    """The article's key phrases, best first, with no phrase repeating a better one.

    ``title``, the source's headline, weighs its words as the first sentence does, but its
    phrases are no candidates of their own (a headline's wording is not the article's).
    An article written mostly in Chinese, Japanese or Korean has key phrases only from the
    Latin words in it (often none)."""
    texts = list(texts)
    joined = " ".join(texts)
    if not joined.isascii() and _CJK_RE.search(joined) is not None:
        article = _mostly_cjk(joined)
        cjk = [article or _mostly_cjk(text) for text in texts]
    else:
        cjk = [False] * len(texts)
    surfaces: dict[tuple[str, ...], dict[str, int]] = {}  # phrase key → its spellings
    weight: dict[str, float] = {}
    # each word weighs what its occurrences do, an early one more (PositionRank's position
    # bias, without the graph): 1/sqrt(1 + the sentence's index)
    for index, (text, in_cjk) in enumerate(zip(texts, cjk, strict=True)):
        early = (1 + index) ** -POSITION_DECAY
        for surface in _candidates(text, in_cjk):
            key = _key(surface)
            spellings = surfaces.setdefault(key, {})
            spellings[surface] = spellings.get(surface, 0) + 1
            for stem in key:
                weight[stem] = weight.get(stem, 0.0) + early
    if title:
        for surface in _candidates(title, any(cjk)):
            for stem in _key(surface):
                weight[stem] = weight.get(stem, 0.0) + 1.0
    # a phrase scores its words' weights, gently normalised for its length
    scores = {key: sum(map(weight.__getitem__, key)) / len(key) ** LENGTH_NORM for key in surfaces}
    shown = {key: _surface(Counter(forms)) for key, forms in surfaces.items()}
    names = {key for key, text in shown.items() if text.rsplit(" ", 1)[-1][:1].isupper()}
    return [shown[key] for key in _distinct(scores, limit, names)]


def _key(surface: str) -> tuple[str, ...]:
    stem_of = _STEMS
    return tuple(stem_of.get(word) or _stem(word) for word in surface.split(" "))


def _distinct(scores: dict[tuple[str, ...], float], limit: int,
              names: set[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """The best phrases, each skipped if it repeats a better one: holds all its words, has
    all of its words in it, or shares at least half of their words ("Hurricane Andrew
    claims" after "Hurricane Andrew losses"); and a name (one of ``names``) is skipped
    after one that ends like it ("Lindsey Vonn" after "Vonn", "Peter Hale" after "Chris
    Hale"): one actor, one key phrase. A word already in ``WORD_USES`` better phrases is in
    no more: six phrases on one word ("CIA custody", "CIA officers" …) say one thing."""
    chosen: list[tuple[str, ...]] = []
    chosen_stems: list[set[str]] = []
    name_ends: set[str] = set()
    uses: Counter[str] = Counter()
    for key in sorted(scores, key=lambda k: (-scores[k], " ".join(k))):
        stems = set(key)
        if any(stems <= other or other <= stems or 2 * len(stems & other) >= len(stems | other)
               for other in chosen_stems) or (key in names and key[-1] in name_ends):
            continue
        if any(uses[stem] >= WORD_USES for stem in stems):
            continue
        uses.update(stems)
        chosen.append(key)
        chosen_stems.append(stems)
        if key in names:
            name_ends.add(key[-1])
        if len(chosen) == limit:
            break
    return chosen


def _surface(forms: Counter[str]) -> str:
    """The most common way of writing the phrase; lower-cased unless it is a name."""
    form = forms.most_common(1)[0][0]
    lowered = sum(n for f, n in forms.items() if f[:1].islower())
    return (
        form.lower()
        if lowered and not form.isupper() and form[:1].isupper() and any(f[:1].islower() for f in forms)
        else form
    )


def headline(phrases: list[str], main_actor: str | None = None) -> str:
    """A last-resort title when no sentence can be made one: the main actor's leading key
    phrase, else the first key phrase, e.g. 'International export control regimes'. Never
    two phrases glued with "and"."""
    if not phrases:
        return main_actor or "Untitled article"
    longer = [p for p in phrases if len(p.split()) > 1] or phrases
    if main_actor:
        own = [p for p in longer if main_actor.lower() in p.lower()]
        text = own[0] if own else longer[0]
    else:
        text = longer[0]
    return text[0].upper() + text[1:]
