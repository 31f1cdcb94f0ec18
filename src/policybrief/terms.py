"""Words, stop words and stems: the shared vocabulary of ranking, keywords and grouping.

Offline and fast: a regular-expression word tokenizer, the stop-word list shipped in
``data/stopwords-en.txt`` (sumy's English list, Apache-2.0) and the C-backed Snowball
stemmer from PyStemmer, memoised.

Stemming runs on every sentence of every article, so it is the hot path of the whole
pipeline. Word tokens never span whitespace, so both ``content_stems`` (stems as strings,
for keywords and grouping) and ``token_codes`` (stem ids, for the numpy ranker)
memoise per raw whitespace-delimited token: a token seen before costs one dict lookup
instead of a regex, a replace, a set test and a stemmer call. The tables are cleared when
they pass ``_TABLE_LIMIT`` tokens, so memory stays flat over long batches.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache
from importlib.resources import files

import Stemmer

WORD_RE = re.compile(r"[^\W_]+(?:[’'.\-][^\W_]+)*", re.UNICODE)

_EDGE_PUNCTUATION = "\"'“”‘’()[]{}<>,.;:!?…*—–-/"
_STEMMER = Stemmer.Stemmer("english", 0)  # no internal cache: ours are cheaper
_TABLE_LIMIT = 100_000  # tokens: ~12 MB of tables at most; relearning after a clear ~0.2 s
_CONTENT: dict[str, tuple[str, ...]] = {}
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


NO_CONTENT = -1  # the code of a token with no content word (a stop word, a number, "—")
ROW_BREAK = -2  # the code of the break token ``text_codes`` puts between two texts
_BREAK = "\x00"  # that token: never whitespace, so ``split`` keeps it as a token of its own


def token_codes(tokens: list[str]) -> list[int]:
    """Each raw whitespace-delimited token's code: its stem's id (``>= 0``), ``NO_CONTENT``,
    or ``<= -3`` for the rare token holding several content words (``several``).

    One memo lookup per token, unseen tokens learnt on the way. Ids are consistent
    within one call only (the tables are cleared between calls once past ``_TABLE_LIMIT``).
    The break token of ``text_codes`` (a lone NUL) has the code ``ROW_BREAK``.
    """
    if len(_IDS) > _TABLE_LIMIT or len(_STEM_IDS) > _TABLE_LIMIT:
        for table in (_IDS, _WORD_IDS, _STEM_IDS):
            table.clear()
        _MULTI.clear()
    _IDS[_BREAK] = ROW_BREAK
    return list(map(_IDS.__getitem__, tokens))


def text_codes(texts: Sequence[str]) -> list[int]:
    """``token_codes`` of the whitespace-delimited tokens of each text in turn, with one
    ``ROW_BREAK`` between two texts: ``len(texts) - 1`` breaks in all.

    One join and one ``split`` for all the texts (a batch's sentences and titles), not a
    ``split`` and a list per text. A text holding the break character itself (a NUL, which
    no real text has) has it read as ``"\\x01"``: like a NUL, neither a space nor part of a
    word, so its tokens and their codes stay as they were.
    """
    spaced = f" {_BREAK} "
    joined = spaced.join(texts)
    if joined.count(_BREAK) != max(len(texts) - 1, 0):
        joined = spaced.join(text.replace(_BREAK, "\x01") for text in texts)
    return token_codes(joined.split())


def several(code: int) -> tuple[int, ...]:
    """The stem ids of a token whose code (``<= -3``) marks several content words."""
    return _MULTI[-3 - code]


class _TokenCodes(dict[str, int]):
    """Raw token → code (see ``token_codes``); an unseen token is learnt when first looked
    up, so a lookup pass over a document's tokens is one ``map`` however many are new.

    Learning is the cold-start cost of a batch (every distinct token once), so it takes
    the shortest path: a lower-cased word seen before in another spelling ("Said,",
    "said.") is one dict hit; only a new word reaches the stemmer.
    """

    def __missing__(self, token: str) -> int:
        # ``WORD_RE.findall(token.lower())``, without the regex for a plain word
        word = token.lower().strip(_EDGE_PUNCTUATION)
        code = _WORD_IDS.get(word)
        if code is None:
            if word.isalpha():  # ``_learn_word`` inlined: no ’ and no digits to check
                if len(word) > 1 and word not in _STOPS:
                    code = _STEM_IDS.setdefault(_STEMMER.stemWord(word), len(_STEM_IDS))
                else:
                    code = -1
                _WORD_IDS[word] = code
            else:
                ids = [i for i in map(_word_id, WORD_RE.findall(word)) if i >= 0]
                if len(ids) <= 1:
                    code = ids[0] if ids else NO_CONTENT
                else:
                    code = -3 - len(_MULTI)
                    _MULTI.append(tuple(ids))
        self[token] = code
        return code


def _word_id(word: str) -> int:
    code = _WORD_IDS.get(word)
    return _learn_word(word) if code is None else code


def _learn_word(word: str) -> int:
    """The id of a lower-cased word's stem (new stems get the next id), or -1: no content."""
    plain = word.replace("’", "'")
    if len(plain) <= 1 or plain in _STOPS or plain.isdigit():
        code = -1
    else:
        code = _STEM_IDS.setdefault(_STEMMER.stemWord(plain), len(_STEM_IDS))
    _WORD_IDS[word] = code
    return code


_STOPS = stop_words()
_IDS: dict[str, int] = _TokenCodes()  # raw token → stem id, -1: no content, -3-k: _MULTI[k]
