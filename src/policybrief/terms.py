"""Words, stop words and stems: the shared vocabulary of ranking, keywords and grouping.

Offline and fast: a regular-expression word tokenizer, the stop-word list shipped in
``data/stopwords-en.txt`` (sumy's English list, Apache-2.0) and the C-backed Snowball
stemmer from PyStemmer, memoised.

Stemming runs on every sentence of every article, so it is the hot path of the whole
pipeline. Word tokens never span whitespace, so both ``content_stems`` (stems as strings,
for keywords and grouping) and ``stem_ids`` (stems as integer ids, for the numpy ranker)
memoise per raw whitespace-delimited token: a token seen before costs one dict lookup
instead of a regex, a replace, a set test and a stemmer call. The tables are cleared when
they pass ``_TABLE_LIMIT`` tokens, so memory stays flat over long batches.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from importlib.resources import files

import numpy as np
import Stemmer

WORD_RE = re.compile(r"[^\W_]+(?:[’'.\-][^\W_]+)*", re.UNICODE)

_EDGE_PUNCTUATION = "\"'“”‘’()[]{}<>,.;:!?…*—–-/"
_STEMMER = Stemmer.Stemmer("english", 0)  # no internal cache: ours are cheaper
_TABLE_LIMIT = 100_000  # tokens: ~12 MB of tables at most; relearning after a clear ~0.2 s
_CONTENT: dict[str, tuple[str, ...]] = {}
_IDS: dict[str, int] = {}  # raw token → stem id, -1: no content, -2-k: several, _MULTI[k]
_MULTI: list[tuple[int, ...]] = []
_STEM_IDS: dict[str, int] = {}
_WORD_IDS: dict[str, int] = {}  # lower-cased word → its stem's id, or -1: no content


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


def _content_stems_of_token(token: str) -> tuple[str, ...]:
    """Content stems of one whitespace-delimited token (memoised by the caller).

    A token such as ``(U.S.-based,`` may hold one word, several or none; stop words,
    numbers and one-letter words give nothing.
    """
    stops = stop_words()
    found: list[str] = []
    for raw in WORD_RE.findall(token.lower()):
        word = raw.replace("’", "'")
        if word not in stops and not word.isdigit() and len(word) > 1:
            found.append(stem(word))
    return tuple(found)


def content_stems(text: str) -> list[str]:
    """Stems of the words of ``text`` that are not stop words or pure numbers.

    Word tokens never span whitespace, so splitting on whitespace first and memoising
    per raw token gives the same stems as tokenising the whole text, at a dict lookup
    per token once the vocabulary has been seen.
    """
    table = _CONTENT
    if len(table) > _TABLE_LIMIT:
        table.clear()
    stems: list[str] = []
    for token in text.split():
        found = table.get(token)
        if found is None:
            found = table[token] = _content_stems_of_token(token)
        if found:
            stems.extend(found)
    return stems


def stem_ids(tokens: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Every content stem among raw whitespace-delimited tokens: (token positions, stem ids).

    The vectorised ranker's entry point, one call per document: each token maps through
    one memo table to a code (its stem's id, ``-1`` for no content, or a pointer to the
    rare token holding several words such as ``and/or``), and the codes become numpy
    arrays without a Python loop per token. Equal stems get equal ids; ids are consistent
    within one call only (tables are cleared between calls once past ``_TABLE_LIMIT``).
    """
    if len(_IDS) > _TABLE_LIMIT or len(_STEM_IDS) > _TABLE_LIMIT:
        for table in (_IDS, _WORD_IDS, _STEM_IDS):
            table.clear()
        _MULTI.clear()
    codes = list(map(_IDS.get, tokens))
    if None in codes:
        _learn_tokens(set(tokens).difference(_IDS))
        codes = list(map(_IDS.__getitem__, tokens))
    array = np.array(codes, dtype=np.int64)
    single = np.flatnonzero(array >= 0)
    if not (array < -1).any():
        return single, array[single]
    multi = [(int(p), i) for p in np.flatnonzero(array < -1) for i in _MULTI[-2 - array[p]]]
    positions = np.concatenate((single, np.array([p for p, _ in multi], dtype=np.int64)))
    ids = np.concatenate((array[single], np.array([i for _, i in multi], dtype=np.int64)))
    return positions, ids


def _words_of_token(token: str) -> list[str]:
    """``WORD_RE.findall(token.lower())``, without the regex for a plain word in punctuation."""
    word = token.lower().strip(_EDGE_PUNCTUATION)
    return [word] if word.isalpha() else WORD_RE.findall(word)


def _learn_tokens(tokens: set[str]) -> None:
    """Add unseen raw tokens to the memo tables, stemming their unseen words in one batch.

    A cold batch meets tens of thousands of new tokens; PyStemmer's ``stemWords`` on a
    list costs a fraction of one call per word.
    """
    words_of = {token: _words_of_token(token) for token in tokens}
    unseen = {word for found in words_of.values() for word in found if word not in _WORD_IDS}
    if unseen:
        stops = stop_words()
        normalised = {word: word.replace("’", "'") for word in unseen}
        content = [word for word, plain in normalised.items()
                   if plain not in stops and not plain.isdigit() and len(plain) > 1]
        _WORD_IDS.update(dict.fromkeys(unseen, -1))
        stems = _STEMMER.stemWords([normalised[word] for word in content])
        for word, stemmed in zip(content, stems, strict=True):
            _WORD_IDS[word] = _STEM_IDS.setdefault(stemmed, len(_STEM_IDS))
    for token, found in words_of.items():
        if len(found) == 1:  # the common case: one word, its id or -1
            _IDS[token] = _WORD_IDS[found[0]]
            continue
        ids = tuple(i for i in map(_WORD_IDS.__getitem__, found) if i >= 0)
        if len(ids) <= 1:
            _IDS[token] = ids[0] if ids else -1
        else:
            _IDS[token] = -2 - len(_MULTI)
            _MULTI.append(ids)
