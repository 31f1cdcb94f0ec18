"""Key phrases: noun phrases that name the topic, ranked by where and how often their words occur.

Candidates are runs of nouns and adjectives ending in a noun, between stop words,
punctuation, verbs and adverbs (parts of speech from a lexicon learnt from the GUM corpus,
``data/pos-lexicon.tsv``, CC BY 4.0), so "told BBC One's Breakfast" or "week announced
plans" are no phrases. A word weighs what its occurrences do, an early one more
(PositionRank's position bias, Florescu & Caragea 2017, without the graph); a phrase
scores its words' weights, gently normalised for its length. Phrases keep the casing they
are most often written with, so proper names read right.

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
from ..prose import CJK_CHARS

# a word (group 1) or, matching the empty group, punctuation that ends a phrase
# (, . ; : ! ? brackets, quotes, dashes, a slash, a spaced hyphen or quote); within a word
# ' and - are kept unless whitespace follows, and ’ always cuts
TOKEN_RE = re.compile(r"""([^\W_](?:[\w-]|'(?!\s))*)|[,.;:!?()\[\]"“”‘’—–/]|\s-\s|\s'|'\s""")
MAX_WORDS = 4
POSITION_DECAY = 0.5  # a word's occurrence in sentence i weighs (1 + i) ** -0.5
LENGTH_NORM = 0.3  # a phrase's score is its words' weights over len ** 0.3
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
    if lower in terms.stop_words() or lower.isdigit() or len(lower) < 2:
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
    "support Taiwan independence".

    One ``findall`` gives the words and, as empty strings, the punctuation between them.
    With ``cjk`` (a text written mostly in Chinese, Japanese or Korean, or in an article
    that is), each run of their characters and marks is a phrase break.
    """
    if cjk:
        text = _CJK_BREAK_RE.sub(" , ", text)
    kinds = _KINDS
    phrases: list[list[str]] = []
    current: list[str] = []
    negated = False
    for word in TOKEN_RE.findall(text.replace("n’t", "n't")):  # don’t: one word, a negation
        if not word:  # punctuation that ends a phrase
            if current and not negated:
                phrases.append(current)
            current = []
            negated = False
            continue
        kind = kinds.get(word)
        if kind is None:
            kind = _kind(word)
        if kind or _tag(word) not in NOMINAL:  # a stop word, number, verb or adverb ends it
            if current and not negated:
                phrases.append(current)
            current = []
            negated = kind == NEGATION
        else:
            current.append(word)
    if current and not negated:
        phrases.append(current)
    return [" ".join(p) for p in map(_noun_final, phrases) if p and len(p) <= MAX_WORDS]


NOMINAL = frozenset({"NOUN", "PROPN", "ADJ"})
_TAGS: dict[str, str] = {}  # word as written → its tag: NOUN, PROPN, ADJ, VERB …


HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "lord", "lady", "dame", "prof"})


def _noun_final(words: list[str]) -> list[str]:
    """A phrase names a thing: trailing adjectives are dropped ("policy more difficult"), and
    so is a leading honorific ("Mr Blunkett" is Blunkett)."""
    while words and _tag(words[-1]) == "ADJ":
        words = words[:-1]
    while words and words[0].lower().rstrip(".") in HONORIFICS:
        words = words[1:]
    return words


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


def key_phrases(texts: Iterable[str], limit: int = 8) -> list[str]:
    """The article's key phrases, best first, with no phrase repeating a better one.

    An article written mostly in Chinese, Japanese or Korean has key phrases only from the
    Latin words in it (often none)."""
    texts = list(texts)
    joined = " ".join(texts)
    if not joined.isascii() and _CJK_RE.search(joined) is not None:
        article = _mostly_cjk(joined)
        cjk = [article or _mostly_cjk(text) for text in texts]
    else:
        cjk = [False] * len(texts)
    stem_of = _STEMS
    surfaces: dict[tuple[str, ...], dict[str, int]] = {}  # phrase key → its spellings
    weight: dict[str, float] = {}
    # each word weighs what its occurrences do, an early one more (PositionRank's position
    # bias, without the graph): 1/sqrt(1 + the sentence's index)
    for index, (text, in_cjk) in enumerate(zip(texts, cjk, strict=True)):
        early = (1 + index) ** -POSITION_DECAY
        for surface in _candidates(text, in_cjk):
            key = tuple(stem_of.get(word) or _stem(word) for word in surface.split(" "))
            spellings = surfaces.setdefault(key, {})
            spellings[surface] = spellings.get(surface, 0) + 1
            for stem in key:
                weight[stem] = weight.get(stem, 0.0) + early
    # a phrase scores its words' weights, gently normalised for its length
    scores = {key: sum(map(weight.__getitem__, key)) / len(key) ** LENGTH_NORM for key in surfaces}
    ranked = sorted(scores, key=lambda k: (-scores[k], " ".join(k)))
    chosen: list[tuple[str, ...]] = []
    chosen_stems: list[set[str]] = []
    for key in ranked:
        stem_set = set(key)
        if any(stem_set <= other or other <= stem_set for other in chosen_stems):
            continue
        chosen.append(key)
        chosen_stems.append(stem_set)
        if len(chosen) == limit:
            break
    return [_surface(Counter(surfaces[key])) for key in chosen]


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
