"""Text → articles → paragraphs → sentences.

A scraped page often holds several articles: a full op-ed ending in its author's bio line,
then teasers of other pieces cut off mid-sentence. ``split_articles`` finds them from
explicit cues (a ``---`` line, a form feed, a Markdown ``#`` heading) and from the cues of
such pages (an author-bio line ends an article; a paragraph cut off mid-sentence is a teaser
of its own). ``split_sentences`` wraps nupunkt (shipped with its model, nothing fetched) with
two repairs measured on our splitting table.

Chinese and Japanese sentences end in 。, ！ or ？ with no space after them, which nupunkt
does not see: a paragraph holding such a mark is first cut there (``CJK_END_RE``), and each
piece then goes through the English splitting. A paragraph with no CJK character or mark
is split exactly as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from nupunkt import sent_tokenize

from ..models import Article, Document, Sentence
from ..prose import (
    BYLINE_RE,
    CJK_CUT_OFF_WORDS,
    TERMINAL_RE,
    TITLE_ABBREVIATIONS,
    is_cjk,
    is_cut_off,
    word_count,
)
from .cjk import CJK_COMMAS, cjk_pieces, may_end_cjk, unwrap_cjk
from .quotation import join_quotations

BLANK_LINE_RE = re.compile(r"\n\s*\n")
SEPARATOR_RE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")
HEADING_RE = re.compile(r"^#{1,2}\s+(?P<title>.+?)\s*#*\s*$")
NAME = r"[A-Z][\w'’-]+(?:\s+(?:[A-Z]\.?\s+)*[A-Z][\w'’-]+){1,3}"
BIO_RE = re.compile(rf"^(?P<name>{NAME})\s+(?:is|was|are|serves as|teaches|writes)\b(?P<rest>.*)$")
BIO_ROLE_RE = re.compile(
    r"\b(?:professor|lecturer|fellow|researcher|director|chair(?:man|woman)?|president|"
    r"analyst|writer|journalist|author|columnist|editor|commentator|scholar|dean|"
    r"founder|member|adviser|advisor|ambassador|minister|economist|lawyer|correspondent|"
    r"student|chief|head|partner|associate|secretary-general|former)\b",
    re.IGNORECASE,
)
# what no sentence opens on: it goes on with the piece nupunkt cut it from, after an
# abbreviation in brackets ("Rep. Ilhan Omar (D-Minn.), the office said")
GOES_ON = frozenset(")],")
# A bio ending a whole article: its author, now, as a writer, scholar or broadcaster: the
# role straight after "is a", "is the", "and a", "and is the" or "writes a … column", with at
# most three words describing it (capitals, a possessive, adjectives: "is the BBC's Moscow
# correspondent", "is president of X and the author of …") and no noun after it ("a fellow
# survivor"); not a phrase ("the wife of writer …", "set to host", "the former editor",
# "being treated with a fellow worker").
BEFORE_ROLE = (r"(?:(?!former\b|set\b|to\b|being\b|of\b|and\b|or\b|with\b|who\b)"
               r"(?:[A-Z][\w.'’-]*|[a-z][\w-]*(?:'s|’s)?)\s+){0,3}?")
WRITER_ROLE = (r"(?:professor|lecturer|fellow|researcher|analyst|writer|journalist|author|"
               r"columnist|editor|commentator|scholar|economist|host|co-host|contributor|"
               r"correspondent|reporter|broadcaster|blogger)s?\b"
               r"(?!\s+(?!(?:at|of|for|on|in|and|with|based|from|who|whose)\b)[a-z])")
WRITER_BIO_RE = re.compile(
    rf"^{NAME}\s+(?:is\s+(?:(?:a|an|the)\s+)?{BEFORE_ROLE}{WRITER_ROLE}|"
    rf"[^.]*?\band\s+(?:is\s+)?(?:a|an|the)\s+{BEFORE_ROLE}{WRITER_ROLE}|"
    rf"writes\s+(?:a|an|the)\s+{BEFORE_ROLE}column\b)")
# a word (not an abbreviation) ending a sentence that nupunkt left joined to the next one
MISSED_BOUNDARY_RE = re.compile(
    r"\b(?P<word>[A-Za-z][a-z'’-]+)[.!?](?P<close>['\"”’)]*)\s+(?=['\"“‘(]?[A-Z])"
)
# what every MISSED_BOUNDARY_RE match holds, from its [.!?] on: a cheap test (it starts
# with a character set, which the regex engine scans for) that rules out most sentences
MAYBE_MISSED_RE = re.compile(r"[.!?](['\"”’)]*)(\s+)['\"“‘(]?[A-Z]")
# the word ending just before a candidate: leftmost start, as MISSED_BOUNDARY_RE takes it
WORD_BEFORE_RE = re.compile(r"\b[A-Za-z][a-z'’-]+\Z")
# a character nupunkt may end a sentence at (not one inside a number, a name or a URL)
# ... followed by more than closing quotes and brackets: a piece that may hold two sentences
INNER_END_RE = re.compile(r"[.!?…](?![a-z0-9.!?…])['\"”’)\]]*[^'\"”’)\]]")
HEADING_WORDS = 14
# the abbreviations, in any case ("etc.", "Corp.", "Jan."), beside the titles of
# ``TITLE_ABBREVIATIONS``, which count capitalised ("200 sales reps." ends a sentence; nupunkt
# cuts after some of them, "Lt. | Gov. Hochul")
ABBREVIATIONS = frozenset(
    (
        "etc approx vs esp incl dept est fig cf al viz ca resp ed eds vol pp op "
        "st jr sr co corp inc ltd bros mt ft "
        "jan feb mar apr jun jul aug sep sept oct nov dec ave blvd rd no "
        "univ assn inst esq ph"
    ).split()
)



def normalise_space(text: str) -> str:
    """``text`` with each run of whitespace made one space, and none at the ends.

    Most paragraphs already are, so a C-level check comes first: a printable string holds
    no whitespace but the ASCII space (every other whitespace character is a control or a
    separator), so with no double space and none at the ends it is returned as it is,
    not split into words and joined again.
    """
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())


def paragraphs_of(text: str) -> list[str]:
    """Paragraphs of a block of text, whitespace normalised.

    Blank lines separate paragraphs; in a block with no blank lines each line is a
    paragraph (scraped pages put one paragraph per line), except that a line continuing
    with a lower-case word is joined to the one before (hard-wrapped text), and so is one
    after a line ending in a CJK comma (，、). Chinese or Japanese lines are joined with no
    space between them.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = BLANK_LINE_RE.split(text)
    if len(blocks) > 1:  # one paragraph a block: its words joined by single spaces
        if not text.isascii():
            blocks = [unwrap_cjk(block) for block in blocks]
        return [joined for joined in map(normalise_space, blocks) if joined]
    lines = [line for line in map(normalise_space, text.split("\n")) if line]
    if not lines:
        return []
    paragraphs: list[str] = []
    current = lines[0]
    for line in lines[1:]:
        if line[0].islower() and not TERMINAL_RE.search(current):
            current = f"{current} {line}"
        elif current.endswith(CJK_COMMAS):  # wrapped Chinese or Japanese: no space between
            current = f"{current}{line}"
        else:
            paragraphs.append(current)
            current = line
    paragraphs.append(current)
    return paragraphs


def is_heading(paragraph: str) -> bool:
    """A short line with no terminal: up to ``HEADING_WORDS`` words, or in Chinese or
    Japanese up to ``CJK_CUT_OFF_WORDS`` characters (where each character is a word)."""
    if len(paragraph.split()) > HEADING_WORDS or TERMINAL_RE.search(paragraph):
        return False  # (the whitespace count first: it is the word count of English text)
    words = word_count(paragraph)
    if words > HEADING_WORDS and not (words < CJK_CUT_OFF_WORDS and is_cjk(paragraph)):
        return False
    return not is_cut_off(paragraph)


def bio_author(paragraph: str) -> str | None:
    """The author's name if ``paragraph`` is an author-bio line, else None."""
    if len(paragraph.split()) > 60:
        return None
    match = BIO_RE.match(paragraph)
    if match and BIO_ROLE_RE.search(match["rest"]):
        return match["name"]
    return None


def bio_name(bio: str) -> str | None:
    """The name a bio line opens with ("Jane Doe" of "Jane Doe is …")."""
    match = BIO_RE.match(bio)
    return match["name"] if match else None


def closing_bio(paragraphs: Sequence[str], author: str | None = None) -> str | None:
    """The last paragraph if it is the author's bio line, which ends a whole article (a JSONL
    record, a page): not part of the text to quote. Read on its own terms, not
    ``bio_author``'s (a bio between articles of a scraped page), since a report may end on a
    person: in the present
    ("Jane Doe is …", not "was"), as a writer, scholar or broadcaster (``WRITER_BIO_RE``;
    not "… is president of the residents' association"), about someone the article has not
    named in full before, and the byline's person when there is a byline."""
    if len(paragraphs) < 2:
        return None
    last = paragraphs[-1]
    name = bio_name(last) if len(last.split()) <= 60 else None
    if name is None or not WRITER_BIO_RE.match(last):
        return None
    if any(name in paragraph for paragraph in paragraphs[:-1]):
        return None  # a person the report is about
    return last if author is None or name.split()[-1] in re.findall(r"[\w'’-]+", author) else None


def _explicit_chunks(text: str) -> list[tuple[str | None, str]]:
    """Split on separators and headings: (heading title or None, chunk text)."""
    chunks: list[tuple[str | None, str]] = []
    title: str | None = None
    lines: list[str] = []

    def flush() -> None:
        if any(line.strip() for line in lines) or title:
            chunks.append((title, "\n".join(lines)))

    for line in text.replace("\f", "\n---\n").split("\n"):
        heading = HEADING_RE.match(line)
        if SEPARATOR_RE.match(line) or heading:
            flush()
            lines = []
            title = heading["title"].strip() if heading else None
            continue
        lines.append(line)
    flush()
    return chunks


def split_articles(text: str, source: str) -> list[Article]:
    """The articles in one input's text, in order, numbered from 1."""
    articles: list[Article] = []
    for heading, chunk in _explicit_chunks(text.lstrip("\ufeff")):
        articles.extend(_implicit_articles(chunk, source, heading))
    return [_renumber(article, n) for n, article in enumerate(articles, start=1)]


def _renumber(article: Article, part: int) -> Article:
    from dataclasses import replace

    return replace(article, part=part)


def _implicit_articles(chunk: str, source: str, heading: str | None) -> list[Article]:
    articles: list[Article] = []
    body: list[str] = []
    title, author = heading, None

    def close(bio: str | None = None, excerpt: bool = False) -> None:
        nonlocal body, title, author
        if body:
            articles.append(
                Article(
                    source=source,
                    paragraphs=tuple(body),
                    title=title,
                    author=author,
                    bio=bio,
                    excerpt=excerpt,
                )
            )
        body, title, author = [], None, None

    for paragraph in paragraphs_of(chunk):
        byline = BYLINE_RE.match(paragraph)
        if byline and not body:
            author = byline["name"]
            continue
        if not body and title is None and is_heading(paragraph):
            title = paragraph
            continue
        name = bio_author(paragraph)
        if name and body:
            author = author or name
            close(bio=paragraph)
            continue
        body.append(paragraph)
        if is_cut_off(paragraph):
            close(excerpt=True)
    close()
    return articles


@lru_cache(maxsize=1024)  # a small memo: a batch never repeats most paragraphs, and memory stays flat
def split_sentences(paragraph: str) -> tuple[str, ...]:
    """The sentences of one paragraph, verbatim with whitespace normalised; a short
    quotation cut by the splitter is joined again (``quotation``)."""
    text = normalise_space(paragraph)
    return tuple(join_quotations(list(_sentences(text)), text))


def _sentences(paragraph: str) -> tuple[str, ...]:
    """``split_sentences`` of a paragraph whose whitespace is already normalised.

    The fast path, same output as ``_nupunkt_sentences`` (checked on every paragraph of
    the development sets): a boundary the repair would make anyway — a word, not an
    abbreviation, ending in ``.``/``!``/``?`` before a capital — is cut straight away, and
    so is one nupunkt makes, after a plain number within the paragraph ("in 2004. The",
    not a list's "1. The"). nupunkt only sees the pieces left holding another candidate
    (an initial, an abbreviation, an acronym, an ellipsis, a number opening the paragraph).
    Most news paragraphs need no nupunkt call. A paragraph holding Chinese or Japanese is
    first cut where its sentences end (``_cjk_pieces``), and each piece split so.
    """
    if not paragraph:
        return ()
    sentences: list[str] = []
    if may_end_cjk(paragraph):
        for piece in cjk_pieces(paragraph):
            _split_pieces(sentences, piece)
    else:
        _split_pieces(sentences, paragraph)
    return tuple(sentences)


def _split_pieces(sentences: list[str], paragraph: str) -> None:
    """Add the sentences of ``paragraph`` (English splitting) to ``sentences``."""
    start = 0
    for end, after in _clear_boundaries(paragraph):
        _add_piece(sentences, paragraph[start:end])
        start = after
    _add_piece(sentences, paragraph[start:])


def _clear_boundaries(paragraph: str) -> list[tuple[int, int]]:
    """(end of sentence, start of the next) at each boundary ``_repair`` would cut, and
    after each plain number before a capital, unless it opens the paragraph (nupunkt cuts
    those: all 786 in the development sets, and every one in a fuzzing test).

    ``MISSED_BOUNDARY_RE`` over the whole paragraph is slow (it tries a word at every
    word start); the candidates are found by the cheap ``MAYBE_MISSED_RE`` and only the
    token before each is looked at. A word never spans a space, so the word
    ``MISSED_BOUNDARY_RE`` would take is the one ``WORD_BEFORE_RE`` finds in that token.
    """
    cuts: list[tuple[int, int]] = []
    for match in MAYBE_MISSED_RE.finditer(paragraph):
        mark = match.start()
        start = paragraph.rfind(" ", 0, mark) + 1
        token = paragraph[start:mark]
        if token.isascii() and token.isalpha() and token[1:].islower():
            word = token  # the common case: a plain word, e.g. "Minister" or "said"
        elif start and token.isascii() and token.isdigit():
            # a number ending a sentence ("in 2004. The"): nupunkt cuts there too, but not
            # after one opening the paragraph, as in a numbered list ("1. The city will…")
            word = ""
        else:
            found = WORD_BEFORE_RE.search(token)
            if found is None:
                continue
            word = found[0]
        if _abbreviation(word):
            continue
        end = mark + 1 + len(match[1])
        cuts.append((end, end + len(match[2])))
    return cuts


def _add_piece(sentences: list[str], piece: str) -> None:
    """Add one piece between clear boundaries: whole, or through nupunkt if it may hold more."""
    piece = piece.strip()
    if INNER_END_RE.search(piece):
        sentences.extend(_nupunkt_sentences(piece))
    elif piece:
        sentences.append(piece)


def _nupunkt_sentences(paragraph: str) -> tuple[str, ...]:
    """nupunkt's split with the missed-boundary repair: the reference ``_sentences`` matches."""
    sentences: list[str] = []
    maybe_missed = MAYBE_MISSED_RE.search
    for piece in sent_tokenize(paragraph):
        sentence = str(piece).strip()
        if sentences and _ends_on_title(sentences[-1]):
            sentence = f"{sentences.pop()} {sentence}"  # "Lt." | "Gov. Kathy Hochul said …"
        elif sentences and sentence[:1] in GOES_ON:  # "Omar (D-Minn." | "), the office said"
            before = sentences.pop()
            sentence = f"{before}{'' if before + sentence in paragraph else ' '}{sentence}"
        if maybe_missed(sentence):
            sentences.extend(_repair(sentence))
        elif sentence:
            sentences.append(sentence)
    return tuple(s for s in sentences if s)


def _ends_on_title(sentence: str) -> bool:
    """Whether ``sentence`` ends on an abbreviated title ("… and Cpl."), whose name the
    next piece holds."""
    last = sentence.rsplit(" ", 1)[-1]
    return last.endswith(".") and last[:1].isupper() and last[:-1].lower() in TITLE_ABBREVIATIONS


def _abbreviation(word: str) -> bool:
    """Whether ``word`` before a full stop is an abbreviation: one of ``ABBREVIATIONS``, or
    a title's capitalised ("Reps." before a name; "200 sales reps." ends a sentence)."""
    lower = word.lower()
    return lower in ABBREVIATIONS or (word[:1].isupper() and lower in TITLE_ABBREVIATIONS)


def _repair(sentence: str) -> list[str]:
    pieces, start = [], 0
    for match in MISSED_BOUNDARY_RE.finditer(sentence):
        if _abbreviation(match["word"]):
            continue
        end = match.start() + len(match["word"]) + 1 + len(match["close"])
        pieces.append(sentence[start:end].strip())
        start = match.end()
    pieces.append(sentence[start:].strip())
    return pieces


def segment(article: Article) -> Document:
    """Split an article into sentences; a cut-off final sentence is marked, never whole."""
    return _document(article, map(split_sentences, article.paragraphs))


def _document(article: Article, split: Iterable[tuple[str, ...]]) -> Document:
    """The Document of ``article`` given each paragraph's sentences, in order."""
    sentences: list[Sentence] = []
    append = sentences.append
    for number, texts in enumerate(split, start=1):
        for text in texts:
            append(Sentence(text, number, len(sentences)))
    if sentences and not TERMINAL_RE.search(sentences[-1].text):
        last = sentences[-1]
        sentences[-1] = Sentence(last.text, last.paragraph, last.index, truncated=True)
    return Document(article=article, sentences=tuple(sentences))


def document_from_text(text: str, title: str | None = None, source: str = "-") -> Document:
    """One article's text as a Document, with no article splitting (for evaluation).

    ``paragraphs_of`` has normalised the whitespace already, and an article's paragraphs
    seldom recur, so they are split directly rather than through ``split_sentences``' cache.
    """
    paragraphs = tuple(paragraphs_of(text))
    article = Article(source=source, paragraphs=paragraphs, title=title)
    return _document(article, map(_sentences, paragraphs))
