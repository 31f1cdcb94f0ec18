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

Chinese and Japanese put no spaces between words, so a text written mostly in them has its
runs of CJK characters rewritten into tokens first (``cjk_tokens``): each ideograph starts
a token of two (overlapping character bigrams, the usual index terms of CJK search), a run
of katakana is one word, and kana between them (mostly grammar) are no content. There is
one token per character, so a sentence's token count is about its ``prose.word_count`` (a
mark between two runs, such as 、, is a token too). Text with no CJK character, or only a
few in English text (a name in brackets), is tokenised as before.
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


# The CJK characters of ``prose.CJK_CHARS`` (terms does not import prose), by script.
_HAN = "\u3005-\u3007\u303b\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_KATAKANA = "\u30a1-\u30fa\u30fc-\u30ff\u31f0-\u31ff\uff66-\uff9f"
_HIRAGANA = "\u3041-\u3096\u309d-\u309f"
_CJK_RE = re.compile(f"[{_HAN}{_KATAKANA}{_HIRAGANA}]")
_CJK_RUN_RE = re.compile(f"(?P<han>[{_HAN}]+)|(?P<katakana>[{_KATAKANA}]+)|[{_HIRAGANA}]+")
_ALNUM_RE = re.compile(r"[^\W_]")
# the UTF-8 lead bytes of U+3000–U+9FFF: CJK marks, kana and the common ideographs
_CJK_LEAD_BYTES = tuple(bytes([lead]) for lead in range(0xE3, 0xEA))


def may_hold_cjk(text: str) -> bool:
    """False if ``text`` holds no character of U+3000–U+9FFF (the CJK marks, the kana and
    the common ideographs, which every Chinese or Japanese text uses); True if it may.

    A quick test for long texts (a batch's, an article's): ASCII text is known at once,
    and other text is encoded as UTF-8 and searched for those characters' lead bytes
    (``memchr``), several times faster than a regular expression's class over the text."""
    if text.isascii():
        return False
    data = text.encode("utf-8", "surrogatepass")
    return any(lead in data for lead in _CJK_LEAD_BYTES)


def is_cjk(text: str) -> bool:
    """Whether ``text`` is written mostly in Chinese or Japanese (``prose.is_cjk``): four CJK
    characters or more, and at least twice as many as its other words (those holding a
    letter or digit). "Minister Kuo (郭智輝) said" is English."""
    if _CJK_RE.search(text) is None:
        return False
    cjk = len(_CJK_RE.findall(text))
    rest = sum(1 for token in _CJK_RE.sub(" ", text).split() if _ALNUM_RE.search(token))
    return cjk >= 4 and cjk >= 2 * rest


def _run_tokens(match: re.Match[str]) -> str:
    run = match[0]
    if match["han"]:  # 公共交通 → 公共 共交 交通 通: bigrams, the last character alone
        tokens = [run[i : i + 2] for i in range(len(run) - 1)] + [run[-1]]
    elif match["katakana"]:  # エネルギー → エネルギー ネ ル ギ ー: one word
        tokens = [run, *run[1:]]
    else:  # hiragana: particles and endings, one character a token (no content words)
        tokens = list(run)
    return f" {' '.join(tokens)} "


def cjk_tokens(text: str) -> str:
    """``text`` with its runs of CJK characters rewritten as space-separated tokens, one per
    character: "政府は公共交通を" → " 政府 府 は 公共 共交 交通 通 を ". A token of one
    character is no content word (as a one-letter word is not), so the content terms of
    Chinese or Japanese are its ideograph bigrams and its katakana words."""
    return _CJK_RUN_RE.sub(_run_tokens, text)


def _with_cjk_tokens(joined: str) -> str:
    """``joined`` (texts between ``_BREAK`` tokens) with each CJK text's ``cjk_tokens``.

    Only the texts holding a CJK character are looked at, found from the characters."""
    pieces: list[str] = []
    done = 0
    found = _CJK_RE.search(joined)
    while found is not None:
        start = joined.rfind(_BREAK, 0, found.start()) + 1
        end = joined.find(_BREAK, found.end())
        end = len(joined) if end < 0 else end
        if is_cjk(joined[start:end]):
            pieces += [joined[done:start], cjk_tokens(joined[start:end])]
            done = end
        found = _CJK_RE.search(joined, end)
    if not pieces:
        return joined
    pieces.append(joined[done:])
    return "".join(pieces)


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
    per token once the vocabulary has been seen. Chinese or Japanese text is split into
    ``cjk_tokens`` first.
    """
    if may_hold_cjk(text) and is_cjk(text):
        text = cjk_tokens(text)
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
    word, so its tokens and their codes stay as they were. A text written mostly in
    Chinese or Japanese is split into its ``cjk_tokens``.
    """
    spaced = f" {_BREAK} "
    joined = spaced.join(texts)
    if joined.count(_BREAK) != max(len(texts) - 1, 0):
        joined = spaced.join(text.replace(_BREAK, "\x01") for text in texts)
    if may_hold_cjk(joined):
        joined = _with_cjk_tokens(joined)
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
