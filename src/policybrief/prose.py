"""What prose looks like: the patterns that both ingest and segment read text by.

Where a sentence ends, what a byline is, and when a paragraph stops mid-sentence (a teaser
or a truncated page). Ingest uses them to tell an article from a teaser; segment to split
articles and sentences. They live here, below both, so neither stage imports the other.

Chinese and Japanese are written without spaces: there a word is counted per character
(each ideograph or kana, see ``word_count``), and a sentence ends in 。, ！ or ？ (the
ideographic full stop and the full-width marks), perhaps followed by a closing quote or
bracket such as 」, 』, ） or ”. Korean puts spaces between its words, so it counts as
English does.
"""

from __future__ import annotations

import re

# Ideographs (the unified blocks and their extensions, the compatibility block, 々 〆 〇 〻),
# hiragana, katakana (with ー; not the middle dot ・) and half-width katakana.
CJK_CHARS = (
    "\u3005-\u3007\u303b\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fc-\u30ff\u31f0-\u31ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003134f"
)
CJK_RE = re.compile(f"[{CJK_CHARS}]")
# marks that end a sentence written without spaces: 。 ｡ ！ ？ (and the full-width ．)
CJK_TERMINALS = "\u3002\uff61\uff01\uff1f\uff0e"
# quotes and brackets that close: 」 』 ） ］ ｝ 〉 》 】 〕 〗 〙 〛 ＂ ＇
CJK_CLOSERS = "\u300d\u300f\uff09\uff3d\uff5d\u3009\u300b\u3011\u3015\u3017\u3019\u301b\uff02\uff07"
TERMINAL_RE = re.compile(rf"[.!?…:{CJK_TERMINALS}\uff1a]['\"”’)\]{CJK_CLOSERS}]*$")
# the abbreviated titles written, capitalised, before a name ("Sen.", "Sens. Hadley and
# Pruitt", "Lt. Gov. Hochul"), in small letters: no sentence ends on one (``segment``), no
# name holds one nor a key phrase (``brief``)
TITLE_ABBREVIATIONS = frozenset(
    "mr mrs ms dr sen sens rep reps gov govs lt gen gens col capt sgt cpl pvt adm cmdr maj "
    "brig det insp supt atty prof rev hon pres messrs msgr".split()
)
# a byline: one to five names ("By Jane Doe and John Smith", "By Ursula von der Leyen"), a job
# after a comma ("By Tom Bennett, Political Editor"); who is a person is ``authors_of``'s call
# lower-case words a person's name may hold ("Ursula von der Leyen", "Ana de la Cruz")
NAME_PARTICLES = frozenset({"de", "da", "di", "del", "della", "der", "den", "van", "von", "bin",
                            "bint", "ibn", "al", "el", "le", "la", "du", "dos", "das", "y", "ter",
                            "ten", "zu"})
BYLINE_NAME = (r"[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|"
               + "|".join(sorted(NAME_PARTICLES)) + r")){0,3}")
BYLINE_RE = re.compile(rf"^(?:By|BY|by)\s+(?P<name>{BYLINE_NAME}(?:(?:\s*[,;&]\s*|\s+and\s+)"
                       rf"{BYLINE_NAME}){{0,4}})\s*\.?\s*$")
LIST_ITEM_RE = re.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)])\s")
_ALNUM_RE = re.compile(r"[^\W_]")

CUT_OFF_WORDS = 12  # a paragraph this long with no terminal stops mid-sentence
# ... in Chinese or Japanese, where each character is a word: headlines run to 30 characters
CJK_CUT_OFF_WORDS = 30


def _counts(text: str) -> tuple[int, int]:
    """(CJK characters, other words) of a text holding CJK characters. The other words are
    what whitespace and the CJK characters separate, if they hold a letter or a digit (so
    the 。 or ” between two CJK sentences is no word)."""
    cjk = len(CJK_RE.findall(text))
    rest = sum(1 for token in CJK_RE.sub(" ", text).split() if _ALNUM_RE.search(token))
    return cjk, rest


def word_count(text: str) -> int:
    """The words of ``text``: its whitespace-separated tokens, and in Chinese or Japanese
    each ideograph or kana (so "政府は十五日、" is six words).

    Text that is not mostly Chinese or Japanese (see ``is_cjk``: English, Korean, English
    naming "Kuo (郭智輝)") counts exactly as ``len(text.split())``.
    """
    if text.isascii() or CJK_RE.search(text) is None:
        return len(text.split())
    cjk, rest = _counts(text)
    if cjk >= 4 and cjk >= 2 * rest:
        return cjk + rest
    return len(text.split())


def is_cjk(text: str) -> bool:
    """Whether ``text`` is written mostly in Chinese or Japanese: four CJK characters or
    more, and at least twice as many as its other words. "Minister Kuo (郭智輝) said" is
    English, "美国总统周三表示，WTO改革势在必行。" Chinese."""
    if CJK_RE.search(text) is None:
        return False
    cjk, rest = _counts(text)
    return cjk >= 4 and cjk >= 2 * rest


def is_cut_off(paragraph: str) -> bool:
    """A paragraph that stops mid-sentence: a teaser or a truncated page.

    That is, a long paragraph with no terminal: ``CUT_OFF_WORDS`` words, or in Chinese or
    Japanese ``CJK_CUT_OFF_WORDS`` characters (a headline there runs to thirty, and is no
    cut-off sentence). List items ("- …", "1. …") end without punctuation by nature: they
    are never cut off.
    """
    if LIST_ITEM_RE.match(paragraph):
        return False
    if TERMINAL_RE.search(paragraph.rstrip()):
        return False
    words = word_count(paragraph)
    if words < CUT_OFF_WORDS:
        return False
    return words >= CJK_CUT_OFF_WORDS or not is_cjk(paragraph)
