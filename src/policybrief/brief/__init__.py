"""Article + ranking → PolicyBrief. Pure: no I/O, every text a sentence of the article."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from pathlib import PurePath

from .. import prose
from ..models import Article, Budget, Document, Point, PolicyBrief, Sentence
from ..segment import normalise_space
from ..summarise import select
from . import mastheads, quotes, titles
from .actors import find_actors, short_name
from .furniture import page_line
from .keyphrases import headline, key_phrases
from .recommendations import calls
from .recommendations import recommendations as recommendations

WORDS_PER_MINUTE = 230
def content_hash(article: Article) -> str:
    """A hash of the article's words, blind to whitespace and case: its identity for dedup."""
    digest = hashlib.sha256()
    separator = b""
    for paragraph in article.paragraphs:  # one paragraph at a time: a huge text is no huge list
        words = " ".join(paragraph.lower().split())
        if words:
            digest.update(separator + words.encode("utf-8"))
            separator = b" "
    return digest.hexdigest()


def slugify(text: str, limit: int = 48) -> str:
    slug = re.sub(r"[^\w]+", "-", text.lower(), flags=re.ASCII).strip("-")
    return slug[:limit].rstrip("-") or "article"


JSONL_LINE_RE = re.compile(r"^(?P<file>.+)\.jsonl:(?P<line>\d+)$", re.IGNORECASE)


def slug_for(document: Document, title: str) -> str:
    """Stable per (source, part): '000_f2d1e5955d110ce0-1-taiwan-and-international-…';
    a JSONL line is numbered by its line instead: 'articles-17-council-expands-buses'."""
    article = document.article
    line = JSONL_LINE_RE.match(article.source)
    if line:
        name, part = PurePath(line["file"]).name, int(line["line"])
    else:
        name = PurePath(article.source).stem if article.source not in {"-", "<stdin>"} else "stdin"
        part = article.part
    return f"{slugify(name, 40)}-{part}-{slugify(title, 40)}"


def _quoted(
    document: Document, ranked: Sequence[int], selected: Sequence[Sentence],
    budget: Budget | None, genre: str,
) -> tuple[str, int, tuple[Sentence, ...], frozenset[int], tuple[str, ...]]:
    """The bottom line, its paragraph, the key points (see ``make_brief``), the
    sentences read as page furniture and the texts the bottom line quotes (one sentence, or
    a claim with the sentence it leans on)."""
    sentences = [s for s in document.sentences if not s.truncated]
    if len(sentences) == 1:
        furniture = quotes.read(document).furniture
        return sentences[0].text, sentences[0].paragraph, (), furniture, (sentences[0].text,) * 2
    choice = quotes.choose(document, ranked, genre)
    best, allowed = choice.bottom, choice.order
    if budget is not None:
        points = select(document, allowed, budget)
    else:
        kept = set(allowed)
        points = tuple(s for s in selected if s.index in kept)
    if best is None:
        return "", 0, points, choice.reading.furniture, ()
    said = tuple(document.sentences[i].text for i in sorted(quotes.bottom_indices(document, best)))
    return best.text, best.paragraph, points, choice.reading.furniture, (best.text, *said)


def one_line(text: str | None) -> str | None:
    """``text`` on one line: every run of whitespace (CR, LF, tabs, Unicode line
    separators) made one space, none at the ends; None when nothing is left.

    Titles and authors come from JSONL fields, feeds and pages: a line break in one would
    split a Markdown heading and let the rest of the text inject structure."""
    if not text:
        return None
    return normalise_space(text) or None


def _lede(sentences: Sequence[Sentence], bottom: str,
          argued: bool) -> tuple[str, list[str], str | None]:
    """What a made title is made from: the lede (the bottom line if there is none), the
    article's other sentences, and, for a piece its publisher files as an argument
    (``argued``), its thesis (the bottom line). Not for a genre judged from the text alone:
    a report misjudged an argument has no thesis, and its "thesis" made worse titles than
    its lede (BBC News 1,808 and ECB+ 466 articles: R-1 −0.24 and −0.30)."""
    lede = sentences[0].text if sentences else bottom
    thesis = bottom if argued else None
    return lede, [s.text for s in sentences[1:]], thesis


def _read_for_actors(sentences: Sequence[Sentence]) -> list[Sentence]:
    """The sentences actors are read from: a cut-off last sentence too, less its last word
    (a name may be cut there): the names before the cut are whole."""
    return [s if not s.truncated else Sentence(s.text.rsplit(" ", 1)[0], s.paragraph, s.index)
            for s in sentences]


def _calls(find: Callable[..., tuple[Point, ...]], sentences: Sequence[Sentence],
           said: tuple[str, ...], genre: str) -> tuple[Point, ...]:
    """The strongest calls ``find`` gives beside the bottom line (strongest first), and
    before them an opinion piece's bottom line when it is one: an argument's thesis is often
    its main call (the brief does not print it twice); a report's lede is news, whatever its
    verbs. ``said``: the bottom line and the sentences it quotes (see ``_quoted``); a bottom
    line quoting a claim with the sentence it leans on counts as a call whole, as it reads."""
    found = find(sentences, exclude=said)
    if genre != "opinion" or not said:
        return found
    bottom, *parts = said
    parts = parts or [bottom]
    thesis = find([s for s in sentences if s.text in parts])
    if not thesis:
        return found
    call = Point(bottom, max(t.paragraph for t in thesis)) if len(parts) > 1 else thesis[0]
    return (call, *found)


def make_brief(
    document: Document, ranked: Sequence[int], selected: Sequence[Sentence], method: str,
    *, budget: Budget | None = None,
) -> PolicyBrief:
    """Assemble the brief. ``ranked`` is the method's ranking; ``selected`` its budgeted pick.

    The bottom line is chosen by genre (see ``quotes``); the key points are the ranking's
    picks that can be quoted alone, never the bottom line again: chosen afresh within
    ``budget`` when it is given, else ``selected`` less what may not be quoted. An article
    of one complete sentence is an ordinary news item: that sentence is its bottom line and
    it has no key points beyond it.
    """
    article = document.article
    sentences = [s for s in document.sentences if not s.truncated]
    genre = quotes.genre_of(article, sentences)
    bottom, where, points, furniture, said = _quoted(document, ranked, selected, budget, genre)
    text_sentences = [s for s in sentences if s.index not in furniture]
    # keywords and actors are read from the article, not from the lines the page sets
    # around it (a byline's "Political Editor", a "Tags:" line's names)
    read = [s for s in document.sentences if not page_line(s.text)]
    keywords = key_phrases([s.text for s in read if not s.truncated], title=article.title)
    actors = find_actors(_read_for_actors(read), lead=bottom)
    main_actor = next((short_name(a.name) for a in actors if a.count >= 2), None)
    source_title = one_line(article.title)
    if source_title:
        title = mastheads.clean_headline(source_title, article.site) or source_title
    else:
        argued = quotes.filed_as_opinion(article)  # the genre is then opinion too
        lede, body, thesis = _lede(text_sentences, bottom, argued)
        made = titles.made_title(lede, body, thesis)
        if titles.leans_on_nothing(made) and bottom and bottom != lede:
            # "(CNN)They may not be …" gives "They": the bottom line stands alone
            made = titles.made_title(bottom, [lede, *(t for t in body if t != bottom)], thesis)
        title = made if made and not titles.leans_on_nothing(made) else headline(keywords,
                                                                               main_actor)
    authors = mastheads.authors_of(one_line(article.author), article.site)
    word_count = sum(prose.word_count(p) for p in article.paragraphs)
    return PolicyBrief(
        title=title,
        author=", ".join(authors) or None,  # a byline naming only its publisher names no one
        source=article.source,
        url=article.url,
        excerpt=article.excerpt,
        word_count=word_count,
        reading_minutes=max(1, round(word_count / WORDS_PER_MINUTE)),
        bottom_line=bottom,
        key_points=tuple(Point(s.text, s.paragraph) for s in points),
        recommendations=_calls(recommendations, text_sentences, said, genre),
        reported_calls=_calls(calls, text_sentences, said, genre),
        actors=actors,
        keywords=tuple(keywords[:6]),
        method=method,
        slug=slug_for(document, title),
        date=one_line(article.date),
        site=one_line(article.site),
        content_hash=content_hash(article),
        sources=(article.url or article.source,),
        genre=genre,
        bottom_paragraph=where,
        title_made=not source_title,
        authors=authors,
    )
