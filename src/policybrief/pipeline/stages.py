"""Per-article stages, pure and picklable: sources → articles → segmented, ranked, briefed.

``brief_articles`` is the function of a chunk of articles that ``batch.map_chunks`` maps (it
ranks the chunk as one batch); failures come back as ``Failure`` values so one bad article
fails alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace

from .. import ingest
from ..brief import make_brief
from ..errors import IngestError, IngestWarning, PolicyBriefError, SegmentError, SummariseError
from ..ingest import WebSession
from ..models import Article, Budget, Document, PolicyBrief
from ..segment import bio_name, closing_bio, paragraphs_of, segment, split_articles
from ..summarise import Summariser, select
from .options import Failure, Options, Warn, ignore

# a brief needs one complete sentence: its bottom line (a one-sentence item is an ordinary
# news item, briefed with no key points beyond it)
MIN_SENTENCES = 1
# Sentences of one article that are ranked: far beyond any article (a long report has ~1,000),
# so a text dump or a book is briefed from its beginning, flagged as an excerpt, and ranking
# memory stays bounded (it grows with the sentences ranked).
MAX_SENTENCES = 3000
# A headlined item whose one sentence is cut off is briefed when it has this many words.
SNIPPET_WORDS = (8, 120)

def iter_articles(
    paths: list[str], options: Options, warn: Warn = ignore, session: WebSession | None = None
) -> Iterator[Article | Failure]:
    """Every article of every input, in order; inputs that fail yield a Failure.

    ``session`` is the run's web memory (see ``ingest.WebSession``); without one, a fresh one.
    """
    return articles_of(ingest.read_all(paths, options.max_bytes, session), warn)


def articles_of(
    sources: Iterable[ingest.Source | IngestError], warn: Warn = ignore
) -> Iterator[Article | Failure]:
    """Sources → articles: a whole source (web page, JSONL line) is one, a file may hold several."""
    for item in sources:
        if isinstance(item, IngestWarning):  # passed over on purpose: said, not failed
            warn(str(item))
            continue
        if isinstance(item, PolicyBriefError):
            yield Failure(item.subject or "input", str(item))
            continue
        if item.warning:
            warn(item.warning)
        if item.whole:
            paragraphs = paragraphs_of(item.text)
            bio = closing_bio(paragraphs, item.author)
            yield Article(
                source=item.name,
                paragraphs=tuple(paragraphs[:-1] if bio else paragraphs),
                title=item.title,
                author=item.author or (bio_name(bio) if bio else None),
                bio=bio,
                url=item.url,
                date=item.date,
                site=item.site,
                language=item.language,
                excerpt=item.excerpt,
                sections=item.sections,
            )
            continue
        articles = split_articles(item.text, item.name)
        if not articles:
            yield Failure(item.name, f"{item.name}: holds no article text ({_no_text_hint(item.text)})")
        yield from articles


_summarisers: dict[str, Summariser] = {}


def _summariser(method: str) -> Summariser:
    """One summariser per method per process: built once, called for every article."""
    if method not in _summarisers:
        _summarisers[method] = Summariser(method)
    return _summarisers[method]


def _no_text_hint(text: str) -> str:
    if text.lstrip().lower().startswith(("<!doctype html", "<html")):
        return "it is an HTML page: save it with an .html suffix so its article is extracted"
    return "give prose: paragraphs of sentences that end in . ! or ?"


def brief_article(
    article: Article, method: str = "default", budget: Budget | None = None
) -> PolicyBrief | Failure:
    """Segment, rank, select and assemble one article's brief."""
    return brief_articles([article], method, budget)[0]


def brief_articles(
    items: Sequence[Article | Failure], method: str = "default", budget: Budget | None = None
) -> list[PolicyBrief | Failure]:
    """``brief_article`` of each article, in order; failures pass through.

    Each article is segmented and assembled on its own, but they are ranked as one batch
    (``Summariser.rank_many``): the default ranker's numpy calls are paid once a batch,
    not once an article, and a document ranks the same alone or in any batch.
    """
    try:
        summariser = _summariser(method)
    except PolicyBriefError as exc:  # an unknown method: every article fails with it
        return [item if isinstance(item, Failure) else _failure(item, exc) for item in items]
    results: list[PolicyBrief | Failure | Document] = [
        item if isinstance(item, Failure) else _segmented(item) for item in items
    ]
    documents = [r for r in results if isinstance(r, Document)]
    rankings = iter(summariser.rank_many(documents))
    return [
        _assembled(result, next(rankings), method, budget or Budget())
        if isinstance(result, Document) else result
        for result in results
    ]


def _label(article: Article) -> str:
    return article.source if article.part == 1 else f"{article.source} (article {article.part})"


def _failure(article: Article, exc: PolicyBriefError) -> Failure:
    label = _label(article)
    return Failure(label, str(exc) if exc.subject else f"{label}: {exc}")


def _segmented(article: Article) -> Document | Failure:
    """The article's Document, or why it cannot be briefed (no complete sentence)."""
    try:
        document = segment(article)
        whole = [s for s in document.sentences if not s.truncated]
        if len(whole) < MIN_SENTENCES and _headline_snippet(document):
            return Document(replace(article, excerpt=True),
                            tuple(replace(s, truncated=False) for s in document.sentences))
        if len(whole) < MIN_SENTENCES:
            raise SegmentError(
                "holds no complete sentence: it has no sentence end",
                subject=_label(article),
                hint="give prose: sentences that end in . ! or ?",
            )
        if len(document.sentences) > MAX_SENTENCES:  # a dump or a book: brief its beginning
            return Document(replace(article, excerpt=True), document.sentences[:MAX_SENTENCES])
        return document
    except PolicyBriefError as exc:
        return _failure(article, exc)


def _headline_snippet(document: Document) -> bool:
    """Whether an article with no complete sentence is a news item cut off mid-sentence: a
    headline given by the source and one short lede (a feed's or a roundup's snippet).
    Such an item is briefed as an excerpt quoting what it has; a wall of words is not."""
    words = sum(len(s.text.split()) for s in document.sentences)
    return bool(document.article.title) and len(document.sentences) == 1 and (
        SNIPPET_WORDS[0] <= words <= SNIPPET_WORDS[1])


def _assembled(
    document: Document, ranked: list[int] | SummariseError, method: str, budget: Budget
) -> PolicyBrief | Failure:
    try:
        if isinstance(ranked, SummariseError):
            raise ranked
        return make_brief(document, ranked, select(document, ranked, budget), method, budget=budget)
    except PolicyBriefError as exc:
        return _failure(document.article, exc)

