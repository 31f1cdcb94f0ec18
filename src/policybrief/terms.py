"""Words, stop words and stems: the shared vocabulary of ranking, keywords and grouping.

Offline and fast: a regular-expression word tokenizer, the stop-word list shipped in
``data/stopwords-en.txt`` (sumy's English list, Apache-2.0) and the C-backed Snowball
stemmer from PyStemmer, memoised.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from importlib.resources import files

import Stemmer

WORD_RE = re.compile(r"[^\W_]+(?:[’'.\-][^\W_]+)*", re.UNICODE)

_STEMMER = Stemmer.Stemmer("english")


def words(text: str) -> list[str]:
    """The word tokens of ``text``, lower-cased, punctuation dropped."""
    return [w.replace("’", "'") for w in WORD_RE.findall(text.lower())]


@cache
def stop_words() -> frozenset[str]:
    text = files("policybrief").joinpath("data/stopwords-en.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip())


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    return str(_STEMMER.stemWord(word))


def content_stems(text: str) -> list[str]:
    """Stems of the words of ``text`` that are not stop words or pure numbers."""
    stops = stop_words()
    return [stem(w) for w in words(text) if w not in stops and not w.isdigit() and len(w) > 1]
