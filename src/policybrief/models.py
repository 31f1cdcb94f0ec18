"""The values that flow through the pipeline: frozen dataclasses, no behaviour beyond views."""

from __future__ import annotations

from dataclasses import dataclass, field

DEFAULT_SENTENCES = 3  # key points per brief, and sentences per summary, unless told


@dataclass(frozen=True)
class Article:
    """One article as ingested: its paragraphs and what is known about it.

    ``source`` is where it came from (a file path, ``-`` for stdin, later a URL);
    ``part`` numbers the articles found in one source, from 1; ``sections`` are the site
    sections or feed categories its publisher files it under ("Opinion", "World").
    """

    source: str
    paragraphs: tuple[str, ...]
    title: str | None = None
    author: str | None = None
    bio: str | None = None
    excerpt: bool = False
    part: int = 1
    url: str | None = None
    date: str | None = None
    site: str | None = None
    language: str | None = None
    sections: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article, verbatim (whitespace normalised), with where it stands.

    ``paragraph`` counts from 1 (for citing "¶3"); ``index`` is the sentence's position
    in the article, from 0.
    """

    text: str
    paragraph: int
    index: int
    truncated: bool = False


@dataclass(frozen=True)
class Document:
    """A segmented article: the unit every summariser ranks."""

    article: Article
    sentences: tuple[Sentence, ...]

    @property
    def title(self) -> str | None:
        return self.article.title


@dataclass(frozen=True)
class Budget:
    """How long a summary may be: exactly one of sentences, words or ratio is set."""

    sentences: int | None = None
    words: int | None = None
    ratio: float | None = None

    def describe(self) -> str:
        if self.words is not None:
            return f"{self.words} words"
        if self.ratio is not None:
            return f"{self.ratio:g} of the sentences"
        return f"{self.sentences if self.sentences is not None else DEFAULT_SENTENCES} sentences"


@dataclass(frozen=True)
class Point:
    """An extracted sentence with the paragraph it cites."""

    text: str
    paragraph: int


@dataclass(frozen=True)
class Actor:
    name: str
    kind: str  # country | organisation | person | company | place
    count: int
    role: str | None = None  # a person's office, where the text states it ("Home Secretary")


@dataclass(frozen=True)
class PolicyBrief:
    """The brief of one article. Every text in it is a sentence of the article."""

    title: str
    author: str | None
    source: str
    url: str | None
    excerpt: bool
    word_count: int
    reading_minutes: int
    bottom_line: str
    key_points: tuple[Point, ...]
    recommendations: tuple[Point, ...]
    actors: tuple[Actor, ...]
    keywords: tuple[str, ...]
    method: str
    slug: str
    date: str | None = None
    site: str | None = None
    content_hash: str = ""
    sources: tuple[str, ...] = field(default=())
    genre: str = "news"  # news | opinion: how the bottom line was chosen
    bottom_paragraph: int = 0  # the paragraph the bottom line stands in; 0: not known
    title_made: bool = False  # True: the source had no headline, this one was made from the text
    authors: tuple[str, ...] = ()  # the people of the byline, without the publisher
    reported_calls: tuple[Point, ...] = ()  # calls to action the text reports from others
