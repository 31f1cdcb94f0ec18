"""The digest of the new articles, rendered, with one message per recipient: not yet recorded.

``prepare`` calls ``pipeline.build_digest`` (the one orchestrator) with a filter that
leaves out every article a live digest already holds (delivered, or waiting in the
outbox), so old articles cost only a hash; then renders the digest and builds the messages.
"""

from __future__ import annotations

import hashlib
import html as html_lib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from .. import __version__
from ..brief import content_hash
from ..config import Config
from ..deliver.email import Letter, build_message, message_bytes, subject_for
from ..errors import IngestError
from ..ingest import WebSession
from ..ingest.policy import Allowed
from ..ingest.settings import Settings, user_agent
from ..models import Article, Budget, PolicyBrief
from ..pipeline import Failure, Options, build_digest
from ..pipeline.options import Warn as Log
from ..pipeline.options import ignore
from ..render.digest import render_digest
from .state import NewDigest, State

DIGEST_HASH_VERSION = "policybrief-digest/1"
ArticleRecord = tuple[str | None, str, str | None]  # url, source, title


@dataclass(frozen=True)
class Prepared:
    """A digest built and rendered, with its message for each recipient: not yet recorded."""

    new: NewDigest
    letter: Letter


def digest_hash(title: str, article_hashes: Iterable[str]) -> str:
    """A digest's identity: its title and the set of its articles."""
    body = "\n".join([DIGEST_HASH_VERSION, title, *sorted(set(article_hashes))])
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def web_settings(config: Config) -> Settings:
    """The web stage's bounds and allowed hosts from the config (the environment still wins)."""
    w = config.web
    return Settings(user_agent=user_agent(), max_entries=w.max_entries, max_pages=w.max_pages,
                    deadline=w.deadline, parallel=w.parallel, allowed=Allowed.parse(w.allow_hosts))


def options_for(config: Config) -> Options:
    return Options(method=config.digest.method, budget=Budget(sentences=config.digest.sentences),
                   workers=config.digest.workers, executor=config.digest.executor,
                   scheduler=config.digest.scheduler or None).check()


class NewArticles:
    """The ``keep`` filter of a run: articles no live digest holds, each once."""

    def __init__(self, state: State | None) -> None:
        self.known_hashes, self.known_urls = state.known_articles() if state else (set(), set())
        self.fresh: dict[str, ArticleRecord] = {}
        self.seen_any = False

    def __call__(self, article: Article) -> bool:
        self.seen_any = True
        key = content_hash(article)
        if key in self.known_hashes or key in self.fresh or (
                article.url and article.url in self.known_urls):
            return False
        self.fresh[key] = (article.url, article.source, article.title)
        return True


def _empty_note(title: str, date: str) -> tuple[str, str]:
    text = f"{title}, {date}\n\nNo new articles since the last digest.\n"
    html = ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>"
            f"{html_lib.escape(title)}</title></head>\n<body style=\"font-family: sans-serif\">"
            f"<h1>{html_lib.escape(title)}</h1><p>{html_lib.escape(date)}</p>"
            "<p>No new articles since the last digest.</p></body></html>\n")
    return text, html


def prepare(config: Config, state: State | None, session: WebSession, *,
            now: datetime | None = None, empty_note: bool | None = None, warn: Log = ignore
            ) -> tuple[Prepared | None, int, list[str]]:
    """Build (but do not record) the digest of the new articles: (prepared, new, problems).

    ``prepared`` is None when there is nothing new (and no empty-day note is wanted, or
    today's note went out already).
    """
    when = now or datetime.now(config.schedule.zone)
    title = config.digest.title
    wanted = NewArticles(state)
    briefed: set[str] = set()  # every brief's article, near-duplicates the digest merged too

    def note(result: PolicyBrief | Failure) -> None:
        if isinstance(result, PolicyBrief):
            briefed.add(result.content_hash)

    digest, failures = build_digest(list(config.sources), options_for(config), title=title,
                                    warn=warn, on_result=note, session=session, keep=wanted,
                                    generated_at=when, version=__version__)
    problems = [f.message for f in failures]
    if not wanted.seen_any and problems:
        raise IngestError("no source could be read: " + "; ".join(problems[:3]),
                          subject=config.label if config.path else None,
                          hint="check the sources in the config" if config.path else None)
    articles = {k: v for k, v in wanted.fresh.items() if k in briefed}
    if digest.briefs:
        text, html = render_digest(digest, "txt"), render_digest(digest, "html")
        identity = digest_hash(title, articles)
        date, count = digest.date, digest.count
    else:
        if not (config.email.empty_note if empty_note is None else empty_note):
            return None, 0, problems
        date, count = f"{when.day} {when:%B %Y}", 0
        identity = digest_hash(title, [f"empty-day:{when:%Y-%m-%d}"])
        if state is not None and state.digest_is_live(identity):
            return None, 0, problems  # one empty-day note a day
        text, html = _empty_note(title, date)
    return _letters(config, identity, title, date, count, text, html, articles, when), \
        len(articles), problems


def _letters(config: Config, identity: str, title: str, date: str, count: int, text: str,
             html: str, articles: dict[str, ArticleRecord], when: datetime) -> Prepared:
    subject = subject_for(config.email.subject, date=date, count=count, title=title)
    letter = Letter(sender=config.email.sender, subject=subject, text=text, html=html,
                    digest_hash=identity, date=when, title=title,
                    unsubscribe=config.email.unsubscribe, list_id=config.email.list_id)
    messages = []
    for recipient in config.email.to:
        msg = build_message(letter, recipient)
        messages.append((recipient, str(msg["Message-ID"]), message_bytes(msg)))
    new = NewDigest(hash=identity, title=title, subject=subject, count=count, text=text,
                    html=html, articles=tuple((k, *v) for k, v in articles.items()),
                    messages=tuple(messages))
    return Prepared(new, letter)
