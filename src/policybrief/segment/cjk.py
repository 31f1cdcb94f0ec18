"""Chinese and Japanese in segmentation: where their sentences end, and wrapped lines.

Their sentences end in 。！？ (and the full-width and half-width forms) with no space after,
which nupunkt does not see: a paragraph holding such a mark is first cut there
(``cjk_pieces``), and each piece then goes through the English splitting.
"""

from __future__ import annotations

import re

from ..prose import CJK_CHARS, CJK_CLOSERS, CJK_RE

CJK_OPEN = re.escape("“‘「『（［｛〈《【〔〖〘〚([")
CJK_CLOSE = re.escape(f"”’)]{CJK_CLOSERS}")
# where a sentence written without spaces ends: a run of 。｡！？ (as in "？！"), a full-width
# ． not in a number, or an ASCII ! or ? between two CJK characters (text typed with
# half-width marks); then the quotes and brackets it closes (group "close")
CJK_END_RE = re.compile(
    "(?:[\u3002\uff61\uff01\uff1f][\u3002\uff61\uff01\uff1f!?]*"
    "|\uff0e(?![0-9\uff10-\uff19])"
    rf"|(?<=[{CJK_CHARS}])[!?]+(?=[{CJK_CLOSE}]*\s*[{CJK_OPEN}]?[{CJK_CHARS}]))"
    rf"(?P<close>[{CJK_CLOSE}]*)"
)
# after a sentence's end, these go on with it: a comma ("？、"), and after a closing quote
# the Japanese quotative particle (「…です。」と述べた: one sentence)
CJK_GOES_ON = frozenset("、，,")
CJK_QUOTATIVE = frozenset("とっ")
# a Chinese quotation's short attribution after it goes with it: “……。”王立新说。
CJK_QUOTE_ENDS = ("”", "」", "』", '"')
ATTRIBUTION_RE = re.compile(
    r"\s*[^\s。！？，、“”「」『』]{1,10}"
    r"(?:说|說|道|称|稱|表示|指出|强调|強調|问|問|介绍|介紹|透露|坦言|写道|寫道)[。！]?\s*"
)
# a line ending in a CJK comma is wrapped mid-sentence: the next line goes on with it
CJK_COMMAS = ("，", "、")
# a line break inside a paragraph, between two CJK characters or marks: no space there
_CJK_MARK = f"{CJK_CHARS}\u3001-\u303f\uff01-\uff65“”‘’"
CJK_WRAP_RE = re.compile(rf"(?<=[{_CJK_MARK}])[ \t]*\n[ \t]*(?=[{_CJK_MARK}])")


def unwrap_cjk(block: str) -> str:
    """``block`` with its line breaks between two CJK characters or marks taken out."""
    if "\n" in block and CJK_RE.search(block) is not None:
        return CJK_WRAP_RE.sub("", block)
    return block


def may_end_cjk(paragraph: str) -> bool:
    """Whether ``CJK_END_RE`` may match: a CJK terminal, or ! or ? with a CJK character.

    A quick test, as every paragraph takes it: an ASCII paragraph is known at once, and
    ``in`` finds a character several times faster than a regular expression's class."""
    if paragraph.isascii():
        return False
    return (
        "\u3002" in paragraph  # 。
        or "\uff01" in paragraph  # ！
        or "\uff1f" in paragraph  # ？
        or "\uff61" in paragraph  # ｡
        or "\uff0e" in paragraph  # ．
        or (("!" in paragraph or "?" in paragraph) and CJK_RE.search(paragraph) is not None)
    )


def cjk_pieces(paragraph: str) -> list[str]:
    """``paragraph`` cut after each Chinese or Japanese sentence end (``CJK_END_RE``), the
    quotes and brackets it closes kept with it: 「…です。」 stays whole.

    An ASCII double quote after the mark closes the sentence's quotation when the sentence
    holds an odd number of them. No cut where the sentence goes on: before a comma, or
    before the Japanese quotative と/って after a closing quote; and a Chinese quotation's
    short attribution stays with it (“……。”他说。).
    """
    pieces: list[str] = []
    start = 0
    for match in CJK_END_RE.finditer(paragraph):
        end = match.end()
        if paragraph[end : end + 1] == '"' and paragraph.count('"', start, match.start()) % 2:
            end += 1
        following = paragraph[end : end + 1]
        if not following or following in CJK_GOES_ON:
            continue
        if following in CJK_QUOTATIVE and end > match.start("close"):
            continue
        pieces.append(paragraph[start:end])
        start = end
    pieces.append(paragraph[start:])
    kept = pieces[:1]
    for piece in pieces[1:]:
        if kept[-1].rstrip().endswith(CJK_QUOTE_ENDS) and ATTRIBUTION_RE.fullmatch(piece):
            kept[-1] += piece
        else:
            kept.append(piece)
    return kept
