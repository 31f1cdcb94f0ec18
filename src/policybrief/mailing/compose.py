"""The digest of the new articles, rendered, with one message per recipient: not yet recorded.

``prepare`` calls ``pipeline.build_digest`` (the one orchestrator) with a filter that
leaves out every article a live digest already holds (delivered, or waiting in the
outbox), so old articles cost only a hash; then renders the digest and builds the messages.
"""

from __future__ import annotations

import hashlib
import html as html_lib
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime

from .. import __version__
from ..brief import content_hash
from ..config import Config
from ..deliver.message import Letter, build_message, message_bytes, subject_for
from ..errors import IngestError
from ..ingest import WebSession
from ..ingest.policy import Allowed
from ..ingest.settings import Settings, user_agent
from ..models import Article, Budget, PolicyBrief
from ..pipeline import Failure, Options, build_digest
from ..pipeline.options import Warn as Log
from ..pipeline.options import ignore
from ..render.digest import Links, render_digest
from .state import NewDigest, State, bare_address
from .subscribers import digest_url, unsubscribe_url, unsubscribed

DIGEST_HASH_VERSION = "policybrief-digest/1"
ArticleRecord = tuple[str | None, str, str | None]  # url, source, title


@dataclass(frozen=True)
class Prepared:
    """A digest built and rendered, with its message for each recipient: not yet recorded."""

    new: NewDigest
    letter: Letter


@dataclass(frozen=True)
class Rendered:
    """One digest's texts: for the archive (``web_*``) and for mail, where ``tag`` stands for
    each reader's own unsubscribe link until their message is built."""

    web_text: str
    web_html: str
    mail_text: str
    mail_html: str
    tag: str


def subscribed(config: Config, state: State | None) -> list[str]:
    """The config's recipients less those who unsubscribed."""
    gone = set(unsubscribed(state)) if state is not None else set()
    return [r for r in config.email.to if bare_address(r) not in gone]


def _links(config: Config, identity: str, tag: str) -> Links:
    """The mail links, the reader's unsubscribe link still a ``tag``."""
    mailto = next((u for u in config.email.unsubscribe if u.lower().startswith("mailto:")), None)
    own = tag if config.server.base_url else (mailto or next(iter(config.email.unsubscribe), None))
    base = config.server.base_url
    return Links(view_url=digest_url(config, identity), unsubscribe_url=own,
                 archive_url=f"{base}/" if base else None)


def _rendered(config: Config, identity: str, web: tuple[str, str],
              mail: Callable[[Links], tuple[str, str]]) -> Rendered:
    tag = f"policybrief-unsubscribe-{secrets.token_hex(8)}"
    text, html = mail(_links(config, identity, tag))
    return Rendered(web[0], web[1], text, html, tag)


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


def _empty_note(title: str, date: str, links: Links | None = None) -> tuple[str, str]:
    text = f"{title}, {date}\n\nNo new articles since the last digest.\n"
    footer = ""
    if links is not None:
        pairs = [(label, url) for label, url in (("View in browser", links.view_url),
                                                 ("Unsubscribe", links.unsubscribe_url)) if url]
        text += "".join(f"\n{label}: {url}" for label, url in pairs) + ("\n" if pairs else "")
        footer = " · ".join(f'<a href="{html_lib.escape(url)}">{label}</a>' for label, url in pairs)
        footer = f"<p>{footer}</p>" if footer else ""
    html = ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>"
            f"{html_lib.escape(title)}</title></head>\n<body style=\"font-family: sans-serif\">"
            f"<h1>{html_lib.escape(title)}</h1><p>{html_lib.escape(date)}</p>"
            f"<p>No new articles since the last digest.</p>{footer}</body></html>\n")
    return text, html


def prepare(config: Config, state: State | None, session: WebSession, *,
            now: datetime | None = None, empty_note: bool | None = None, warn: Log = ignore,
            recipients: list[str] | None = None) -> tuple[Prepared | None, int, list[str]]:
    """Build (but do not record) the digest of the new articles: (prepared, new, problems),
    with a message for each of ``recipients`` (default: the subscribed ones).

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

    previous = state.previous_digest() if state is not None else None
    digest, failures = build_digest(list(config.sources), options_for(config), title=title,
                                    warn=warn, on_result=note, session=session, keep=wanted,
                                    generated_at=when, version=__version__,
                                    previous_json=previous)
    problems = [f.message for f in failures]
    if not wanted.seen_any and problems:
        raise IngestError("no source could be read: " + "; ".join(problems[:3]),
                          subject=config.label if config.path else None,
                          hint="check the sources in the config" if config.path else None)
    articles = {k: v for k, v in wanted.fresh.items() if k in briefed}
    if digest.briefs:
        identity = digest_hash(title, articles)
        rendered = _rendered(
            config, identity, (render_digest(digest, "txt"), render_digest(digest, "html")),
            lambda links: (render_digest(digest, "txt", links=links),
                           render_digest(digest, "html", links=links)))
        date, count = digest.date, digest.count
    else:
        if not (config.email.empty_note if empty_note is None else empty_note):
            return None, 0, problems
        date, count = f"{when.day} {when:%B %Y}", 0
        identity = digest_hash(title, [f"empty-day:{when:%Y-%m-%d}"])
        if state is not None and state.digest_is_live(identity):
            return None, 0, problems  # one empty-day note a day
        rendered = _rendered(config, identity, _empty_note(title, date),
                             lambda links: _empty_note(title, date, links))
    if recipients is None:
        recipients = subscribed(config, state)
    prepared = _letters(config, identity, title, date, count, rendered, articles, when,
                        recipients)
    as_json = render_digest(digest, "json") if digest.briefs else None
    return replace(prepared, new=replace(prepared.new, json=as_json)), len(articles), problems


def _letters(config: Config, identity: str, title: str, date: str, count: int,
             rendered: Rendered, articles: dict[str, ArticleRecord], when: datetime,
             recipients: list[str]) -> Prepared:
    subject = subject_for(config.email.subject, date=date, count=count, title=title)
    letter = Letter(sender=config.email.sender, subject=subject, text=rendered.web_text,
                    html=rendered.web_html, digest_hash=identity, date=when, title=title,
                    unsubscribe=config.email.unsubscribe, list_id=config.email.list_id)
    messages = [_message(config, letter, rendered, recipient) for recipient in recipients]
    new = NewDigest(hash=identity, title=title, subject=subject, count=count,
                    text=rendered.web_text, html=rendered.web_html,
                    articles=tuple((k, *v) for k, v in articles.items()),
                    messages=tuple(messages))
    return Prepared(new, letter)


def _message(config: Config, letter: Letter, rendered: Rendered, recipient: str
             ) -> tuple[str, str, bytes]:
    """(recipient, Message-ID, wire bytes) of the reader's own copy: their unsubscribe link
    in the List-Unsubscribe header and in both parts, DKIM-signed when configured."""
    own = unsubscribe_url(config, recipient)
    if own is not None:  # the reader's link first; a mailto: after it; no other static URL
        uris = (own, *(u for u in config.email.unsubscribe if u.lower().startswith("mailto:")))
        text = rendered.mail_text.replace(rendered.tag, own)
        html = rendered.mail_html.replace(rendered.tag, html_lib.escape(own))
    else:
        uris, text, html = tuple(config.email.unsubscribe), rendered.mail_text, rendered.mail_html
    mine = replace(letter, text=text, html=html, unsubscribe=uris,
                   one_click=own is not None and config.server.one_click)
    msg = build_message(mine, recipient)
    data = message_bytes(msg)
    if config.dkim.enabled:
        from ..deliver.dkim import sign

        data = sign(data, config.dkim)
    return recipient, str(msg["Message-ID"]), data
