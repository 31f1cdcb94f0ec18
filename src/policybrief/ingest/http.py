"""The one HTTP client: polite, bounded, and remembering what it fetched.

``Fetcher.get`` downloads one URL with connect/read timeouts, a body-size limit (streamed,
stopped at the limit), a redirect limit, a descriptive User-Agent, a few retries with
backoff on 429/5xx and dropped connections, a polite delay per host, and conditional GET
(ETag / Last-Modified) from the run's ``WebSession``, which also keeps the pages fetched
so that none is fetched twice in a run. Every failure is an ``IngestError`` naming the URL
and the fix.

Settings come from the environment (``Settings.from_env``) so tests and slow sites can
tune them: ``POLICYBRIEF_HTTP_TIMEOUT`` (read timeout, seconds), ``..._CONNECT_TIMEOUT``,
``..._RETRIES``, ``..._BACKOFF`` (first retry wait, doubled each time), ``..._DELAY``
(seconds between requests to one host), ``..._MAX_REDIRECTS`` and ``..._USER_AGENT``.
"""

from __future__ import annotations

import codecs
import logging
import re
import time
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from types import TracebackType
from urllib.parse import urljoin, urlsplit

import httpx

from ..errors import IngestError
from . import policy
from .session import BoundReached, WebSession
from .settings import ENV, Settings, user_agent
from .source import Page

log = logging.getLogger(__name__)

SCHEMES = frozenset({"http", "https"})
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
# media types we read; anything else (PDF, images, archives, audio, video) is refused early
TEXT_TYPES = ("text/", "application/xhtml+xml", "application/xml", "application/rss+xml",
              "application/atom+xml", "application/rdf+xml", "application/x-rss+xml",
              "application/x-opml+xml", "application/opml+xml", "application/feed+json",
              "application/json")
SNIFF_TYPES = frozenset({"", "application/octet-stream", "binary/octet-stream"})


# --- the client -----------------------------------------------------------------------------

def check_scheme(url: str) -> None:
    """Refuse what is not an http(s) URL with a host, before any request is made."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise IngestError(f"is not a valid URL: {exc}", subject=url,
                          hint="check the URL") from exc
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        hint = ("give the file's path without file://" if scheme == "file"
                else "give an http:// or https:// URL")
        raise IngestError(f"unsupported URL scheme {scheme + ':' if scheme else '(none)'}",
                          subject=url, hint=hint)
    if not parts.hostname or any(c.isspace() for c in url) or port == 0:
        raise IngestError("is not a valid URL: no host, or a space in it", subject=url,
                          hint="check the URL")


def media_type(content_type: str) -> tuple[str, str | None]:
    """'text/html; charset=Windows-1252' → ('text/html', 'cp1252'); unknown charsets → None."""
    kind, _, params = content_type.partition(";")
    charset = None
    match = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", params, re.IGNORECASE)
    if match:
        charset = known_codec(match[1])
    return kind.strip().lower(), charset


def known_codec(label: str) -> str | None:
    """A Python codec for a charset label; latin-1 and ASCII read as cp1252, as browsers do."""
    try:
        name = codecs.lookup(label.strip()).name
    except LookupError:
        return None
    return "cp1252" if name in ("latin-1", "iso8859-1", "ascii") else name


def readable(kind: str) -> bool:
    return kind in SNIFF_TYPES or kind.startswith(TEXT_TYPES) or kind.endswith("+xml")


class Fetcher:
    """A client for one source's requests; a context manager that closes its connections.

    Redirects are followed here, one hop at a time, each checked by the fetch policy before
    anything is sent; every request goes to the address the check resolved (see ``policy``).
    """

    def __init__(self, settings: Settings, max_bytes: int, session: WebSession,
                 resolve: policy.Resolver = policy.default_resolver):
        self.settings = settings
        self.max_bytes = max_bytes
        self.session = session
        self.resolve = resolve
        self.client = httpx.Client(
            follow_redirects=False,
            timeout=httpx.Timeout(settings.timeout, connect=settings.connect_timeout),
            headers={"User-Agent": settings.user_agent or user_agent(),
                     "Accept": "text/html,application/xhtml+xml,application/rss+xml,"
                               "application/atom+xml,application/xml;q=0.9,*/*;q=0.5"},
            trust_env=True,  # HTTPS_PROXY, NO_PROXY and SSL_CERT_FILE are honoured
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.client.close()

    def get(self, url: str, *, trusted: frozenset[str] = frozenset(),
            validators: tuple[str | None, str | None] = (None, None)) -> Page:
        """The page at ``url``. ``trusted``: hosts the user gave, which may be internal;
        ``validators`` (ETag, Last-Modified) make it a conditional GET that may answer 304."""
        check_scheme(url)
        known = self.session.recall(url)
        if isinstance(known, IngestError):
            raise known
        if known is not None and len(known.body) <= self.max_bytes:
            log.debug("%s: already fetched in this run", url)
            return known
        etag, modified = validators
        headers = {k: v for k, v in (("If-None-Match", etag), ("If-Modified-Since", modified)) if v}
        try:
            try:
                page = self._follow(url, headers, trusted)
            except httpx.InvalidURL as exc:
                raise IngestError(f"is not a valid URL: {exc}", subject=url,
                                  hint="check the URL") from exc
        except BoundReached:
            raise  # not remembered: a later run, with more budget, fetches it
        except IngestError as exc:
            self.session.keep(url, exc)
            raise
        if page.not_modified:  # not kept: a later plain GET in this run needs the body
            return page
        self.session.keep(url, page)
        if page.final_url != url:
            self.session.keep(page.final_url, page)
        return page

    def _follow(self, url: str, headers: dict[str, str], trusted: frozenset[str]) -> Page:
        """GET ``url``, following redirects hop by hop, each hop checked before it is asked."""
        current = url
        for _ in range(self.settings.max_redirects + 1):
            target = policy.check(current, trusted, self.settings.allowed, self.resolve)
            page, location = self._with_retries(target, headers)
            if location is None:
                return Page(url=url, final_url=current, status=page.status,
                            media_type=page.media_type, charset=page.charset, body=page.body,
                            etag=page.etag, last_modified=page.last_modified)
            following = urljoin(current, location)
            try:
                check_scheme(following)
            except IngestError as exc:
                raise IngestError(f"redirects to an unsupported URL: {following}", subject=url,
                                  hint="give an http:// or https:// URL") from exc
            current = following
        raise IngestError(f"redirected more than {self.settings.max_redirects} times, in a loop "
                          "or a long chain", subject=url,
                          hint="open it in a browser to see where it leads")

    def _with_retries(self, target: policy.Target, headers: dict[str, str]
                      ) -> tuple[Page, str | None]:
        """One hop, retried on 429/5xx and dropped connections; (page, redirect location)."""
        url, s = target.url, self.settings
        where = f"{target.host}:{target.port}"
        dead = self.session.dead_host(where)
        if dead is not None:
            raise IngestError(f"not fetched: {where} could not be reached earlier in this "
                              f"run ({dead.message})", subject=url, hint=dead.hint)
        attempt = 0
        while True:
            self.session.spend(url, s.max_pages, s.deadline)
            self._wait_for(target)
            try:
                page, retry_after, location = self._once(target, headers)
            except httpx.ConnectError as exc:  # refused or unreachable: fail fast, no retries
                error = self._error(url, exc)
                self.session.mark_dead(where, error)
                raise error from exc
            except (httpx.RemoteProtocolError, httpx.ReadError) as exc:
                if attempt >= s.retries:
                    raise self._error(url, exc) from exc
                wait = self._backoff(attempt, None)
                log.debug("%s: %s; retrying in %.2f s", url, exc, wait)
            except httpx.HTTPError as exc:
                raise self._error(url, exc) from exc
            else:
                if location is not None:
                    return page, location
                if page.status not in RETRY_STATUSES:
                    return self._checked(url, page), None
                if attempt >= s.retries:
                    tries = attempt + 1
                    raise IngestError(
                        f"HTTP {page.status} {reason(page.status)}"
                        + (f" after {tries} tries" if tries > 1 else ""),
                        subject=url, hint="the site is failing or busy; try again later",
                    )
                wait = self._backoff(attempt, retry_after)
                log.debug("%s: HTTP %s; retrying in %.2f s", url, page.status, wait)
            time.sleep(wait)
            attempt += 1

    def _backoff(self, attempt: int, retry_after: str | None) -> float:
        wait = self.settings.backoff * 2 ** attempt
        if retry_after:
            wait = max(wait, retry_seconds(retry_after))
        return min(wait, self.settings.max_backoff)

    def _wait_for(self, target: policy.Target) -> None:
        """Sleep so that requests to one host are at least ``delay`` seconds apart."""
        host = f"{target.host}:{target.port}"
        wait = self.session.wait_for(host, self.settings.delay)
        if wait > 0:
            log.debug("%s: waiting %.2f s to be polite to %s", target.url, wait, host)
            time.sleep(wait)

    def _once(self, target: policy.Target, headers: dict[str, str]
              ) -> tuple[Page, str | None, str | None]:
        """One request to the checked address: (page, Retry-After, redirect Location)."""
        url = target.url
        deadline = time.monotonic() + 4 * self.settings.timeout + self.settings.connect_timeout
        asked = httpx.URL(url)
        pinned = asked.copy_with(host=target.address)
        extensions = {"sni_hostname": target.host} if asked.scheme == "https" else {}
        headers = {**headers, "Host": asked.netloc.decode("ascii")}
        with self.client.stream("GET", pinned, headers=headers, extensions=extensions) as response:
            status = response.status_code
            location = response.headers.get("Location")
            if status in REDIRECT_STATUSES and location:
                return Page(url, url, status), None, location
            if status != 200:
                return Page(url, url, status), response.headers.get("Retry-After"), None
            kind, charset = media_type(response.headers.get("Content-Type", ""))
            if not readable(kind):
                raise IngestError(
                    f"is {kind}, not a web page or feed", subject=url,
                    hint="give the URL of the article's web page or of a feed"
                         + ("; convert PDFs to text first" if kind.endswith("pdf") else ""),
                )
            body = self._body(response, url, deadline)
            return Page(
                url=url, final_url=url, status=200, media_type=kind, charset=charset,
                body=body, etag=response.headers.get("ETag"),
                last_modified=response.headers.get("Last-Modified"),
            ), None, None

    def _body(self, response: httpx.Response, url: str, deadline: float) -> bytes:
        length = response.headers.get("Content-Length", "")
        if length.isdigit() and int(length) > self.max_bytes:
            raise self._too_big(url)
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.max_bytes:
                raise self._too_big(url)
            if time.monotonic() > deadline:
                raise IngestError(
                    f"took longer than {deadline_text(self.settings)} to download",
                    subject=url, hint=f"the site is very slow; raise {ENV}TIMEOUT",
                )
            chunks.append(chunk)
        return b"".join(chunks)

    def _checked(self, url: str, page: Page) -> Page:
        if page.status in (200, 304):
            return page
        hints = {404: "check the URL; the page may have moved or been removed",
                 410: "the page has been removed", 401: "the page needs a login",
                 403: "the site refuses the request; it may need a login or block robots"}
        raise IngestError(f"HTTP {page.status} {reason(page.status)}", subject=url,
                          hint=hints.get(page.status, "check the URL"))

    def _too_big(self, url: str) -> IngestError:
        return IngestError(
            f"is larger than the {size_text(self.max_bytes)} limit", subject=url,
            hint="raise the limit with --max-mb if it really is one article",
        )

    def _error(self, url: str, exc: httpx.HTTPError) -> IngestError:
        s = self.settings
        if isinstance(exc, httpx.ConnectTimeout):
            return IngestError(f"connection timed out after {s.connect_timeout:g} s", subject=url,
                               hint=f"check the URL and your network, or raise "
                                    f"{ENV}CONNECT_TIMEOUT")
        if isinstance(exc, httpx.TimeoutException):
            return IngestError(f"timed out after {s.timeout:g} s waiting for the server",
                               subject=url, hint=f"the site is slow or down; try later or "
                                                 f"raise {ENV}TIMEOUT")
        if isinstance(exc, httpx.TooManyRedirects):
            return IngestError(f"redirected more than {s.max_redirects} times, in a loop "
                               "or a long chain", subject=url,
                               hint="open it in a browser to see where it leads")
        if isinstance(exc, httpx.UnsupportedProtocol):
            return IngestError(f"leads to an unsupported URL: {exc}", subject=url,
                               hint="give an http:// or https:// URL")
        if isinstance(exc, httpx.ConnectError):
            why = re.sub(r"\[Errno -?\d+\]\s*", "", str(exc)) or "connection failed"
            return IngestError(f"cannot connect: {why}", subject=url,
                               hint="check the URL and your network")
        if isinstance(exc, (httpx.RemoteProtocolError, httpx.ReadError)):
            return IngestError(f"the server broke the connection: {exc}", subject=url,
                               hint="try again later")
        return IngestError(f"download failed: {exc}", subject=url, hint="check the URL")


def reason(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def retry_seconds(value: str) -> float:
    """Retry-After as seconds: a number, or an HTTP date."""
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return 0.0
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def size_text(limit: int) -> str:
    if limit >= 1024 * 1024:
        return f"{limit / (1024 * 1024):g} MB"
    return f"{limit / 1024:g} KB" if limit >= 1024 else f"{limit} bytes"


def deadline_text(settings: Settings) -> str:
    return f"{4 * settings.timeout + settings.connect_timeout:g} s"
