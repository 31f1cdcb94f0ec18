"""Sentences cut inside a short quotation, joined again.

A sentence splitter sees ``North Dakota says, 'Smog. We're On It,' and…`` as two sentences,
because a full stop before a capital ends one. Inside quotation marks it does not: the quoted
slogan or the two short sentences of a remark (``"No. Never," she said.``) belong to the
sentence that quotes them. A piece that ends with a quotation still open is joined to the
next piece when that one closes it, up to ``MAX_JOINED_WORDS``; a quotation never closed
(a paragraph-long quote, a stray mark) is left as the splitter cut it.
"""

from __future__ import annotations

import re

MAX_JOINED_WORDS = 60  # a longer quotation is a speech, its sentences stand on their own
MAX_PIECES = 4

# an opening single quote starts a word after a space, a bracket or a dash; a closing one
# follows a letter or punctuation and comes before a space, punctuation or the end
SINGLE_OPEN_RE = re.compile(r"(?:^|(?<=[\s(\[—–-]))['‘](?=\w)")
SINGLE_CLOSE_RE = re.compile(r"(?<=[\w.,!?…])['’](?=[\s,.;:!?)\]—–-]|$)")
OPENERS_AFTER = " ([—–-"


def open_quote(sentence: str) -> str | None:
    """The closing mark a sentence is waiting for when it ends inside a quotation, else None."""
    if sentence.count("“") > sentence.count("”"):
        return "”"
    if sentence.count('"') % 2 == 1:
        last = sentence.rfind('"')
        return '"' if _opens_at(sentence, last) else None
    opened = [m.start() for m in SINGLE_OPEN_RE.finditer(sentence)]
    if opened and not SINGLE_CLOSE_RE.search(sentence, opened[-1] + 1):
        return "'"
    return None


def _opens_at(text: str, at: int) -> bool:
    """True when the straight mark at ``at`` opens a quotation (not one closing it)."""
    before_ok = at == 0 or text[at - 1] in OPENERS_AFTER
    return before_ok and at + 1 < len(text) and not text[at + 1].isspace()


def _closes(piece: str, mark: str) -> bool:
    if mark == "”":
        return "”" in piece
    if mark == '"':
        return piece.count('"') % 2 == 1
    return SINGLE_CLOSE_RE.search(piece) is not None


def join_quotations(sentences: list[str], text: str | None = None) -> list[str]:
    """``sentences`` with each run cut inside a short quotation joined into one. Given the
    ``text`` they were cut from, a joined run is that text's own span, so the sentence
    stays verbatim (no space where the splitter cut before a closing mark: "…on it.”,")."""
    if len(sentences) < 2:
        return sentences
    spans = _spans(sentences, text)
    out: list[str] = []
    i = 0
    while i < len(sentences):
        current = sentences[i]
        i += 1
        mark = open_quote(current)
        if mark is None:
            out.append(current)
            continue
        joined, taken = current, 0
        for j in range(i, min(len(sentences), i + MAX_PIECES - 1)):
            candidate = f"{joined} {sentences[j]}"
            if len(candidate.split()) > MAX_JOINED_WORDS:
                break
            if _closes(sentences[j], mark):
                joined, taken = candidate, j - i + 1
                break
            joined = candidate
        if taken:
            if text is not None and spans:
                joined = text[spans[i - 1][0]:spans[i - 1 + taken][1]]
            out.append(joined)
            i += taken
        else:
            out.append(current)
    return out


def _spans(sentences: list[str], text: str | None) -> list[tuple[int, int]]:
    """Where each sentence stands in ``text``, in order (none if one is not found there)."""
    if text is None:
        return []
    spans, cursor = [], 0
    for sentence in sentences:
        start = text.find(sentence, cursor)
        if start < 0:
            return []
        cursor = start + len(sentence)
        spans.append((start, cursor))
    return spans
