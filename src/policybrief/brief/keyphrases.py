"""Key phrases, RAKE-style: runs of content words between stop words and punctuation.

A phrase scores by how often its words occur in the article (their frequency and their
co-occurrence degree), so "export control regimes" outranks a one-off phrase. Phrases keep
the casing they are most often written with, so proper names read right in a headline.

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
from itertools import chain

from .. import terms
from ..prose import CJK_CHARS

# a word (group 1) or, matching the empty group, punctuation that ends a phrase
# (, . ; : ! ? brackets, quotes, dashes, a slash, a spaced hyphen or quote); within a word
# ' and - are kept unless whitespace follows, and ’ always cuts
TOKEN_RE = re.compile(r"""([^\W_](?:[\w-]|'(?!\s))*)|[,.;:!?()\[\]"“”‘’—–/]|\s-\s|\s'|'\s""")
MAX_WORDS = 4
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
        if kind:  # a stop word, number or single letter ends the phrase
            if current and not negated:
                phrases.append(current)
            current = []
            negated = kind == NEGATION
        else:
            current.append(word)
    if current and not negated:
        phrases.append(current)
    return [" ".join(p) for p in phrases if len(p) <= MAX_WORDS]


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
    frequency: dict[str, int] = {}
    degree: dict[str, int] = {}
    # each spelling once, with its count: the same phrase recurs, and is stemmed once
    for surface, count in Counter(chain.from_iterable(map(_candidates, texts, cjk))).items():
        key = tuple(stem_of.get(word) or _stem(word) for word in surface.split(" "))
        surfaces.setdefault(key, {})[surface] = count
        size = len(key)
        for s in key:
            frequency[s] = frequency.get(s, 0) + count
            degree[s] = degree.get(s, 0) + count * size
    weight = {s: degree[s] / f + f for s, f in frequency.items()}
    scores = {
        key: sum(map(weight.__getitem__, key)) * min(sum(spellings.values()), 3)
        for key, spellings in surfaces.items()
    }
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
