"""Quoted speech, so that a speaker's words are not read as the author's: what a text says
once the words it quotes are taken out.

Double marks are paired by their direction, not by counting: a curly mark says which way
it faces, and a straight one opens before a word and closes after one.
A quote may run over several sentences with a fresh opening mark at each new stretch and
no closing mark before it (`"It was strange," he said. "I felt fine. "Then it went.`); an
opening mark inside an open quote starts the next stretch, a closing mark with none open
ends a quote that began before the text, and a quote still open at the end runs to it (at
most 600 characters: a stray mark does not silence the rest of an article).
Single marks (Daily Mail copy) open a word and close one, so "I'd" and "voters' rights"
open nothing. Tokenised copy sets its marks apart: "` we hope so . '".
"""

from __future__ import annotations

import re

SINGLE_SPEECH_RE = re.compile(
    r"(?:^|(?<=[\s(\[—–-]))['‘](?=\w).{0,600}?(?<=[\w.,!?…])['’](?=[\s,.;:!?)\]—–-]|$)")
# tokenised copy (Penn Treebank style, as in research corpora) writes quotes apart from the
# words: "`` I felt fine . ''", "` we hope so . '"
TOKENISED_SPEECH_RE = re.compile(r"(?:^|(?<=\s))`{1,2} .{0,600}? '{1,2}(?=\s|$)")
MARK_RE = re.compile(r"[\"“”]")
MAX_QUOTE = 600  # characters a quote left open may run to, as single-mark quotes may
OPEN, CLOSE = 1, -1


def without_speech(text: str) -> str:
    """``text`` with its quoted speech blanked out (each quote a single space)."""
    spans: list[tuple[int, int]] = []
    opened: int | None = None
    for match in MARK_RE.finditer(text):
        at = match.start()
        if _facing(text, at) == OPEN:
            if opened is not None:  # a new stretch of the same speaker's quote
                spans.append((opened, at))
            opened = at
        elif opened is not None:
            spans.append((opened, at + 1))
            opened = None
        elif not spans:  # the tail of a quote that opened before this text
            spans.append((0, at + 1))
    if opened is not None:  # runs to the end, as far as a quote may: a stray mark is no quote
        spans.append((opened, min(len(text), opened + MAX_QUOTE)))
    for start, end in reversed(spans):
        text = f"{text[:start]} {text[end:]}"
    text = SINGLE_SPEECH_RE.sub(" ", text)
    return TOKENISED_SPEECH_RE.sub(" ", text) if "`" in text else text


def _facing(text: str, at: int) -> int:
    """Whether the mark at ``at`` opens or closes a quote: a straight mark opens before a
    word (`said "I`, and `of"I` in copy that lost its spaces) and closes otherwise."""
    mark = text[at]
    if mark != '"':
        return OPEN if mark == "“" else CLOSE
    after = text[at + 1] if at + 1 < len(text) else " "
    return OPEN if after.isalnum() or after in "'‘([…" else CLOSE
