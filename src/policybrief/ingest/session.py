"""One run's web memory: pages fetched, when each host was last asked, and the state writes.

A ``WebSession`` is made per run and passed down (nothing lives in module globals): pages
fetched once are not fetched again within it, requests to one host keep a polite delay,
and what a run learns about URLs and feeds (ETag / Last-Modified, the newest entry of each
feed) goes to its ``WebCache`` — the state file's web tables, owned by the state file's
own module. With ``hold_writes`` those writes wait until ``commit()`` (the mail cycle
commits once the digest holding what they let through is recorded) and ``discard()``
drops them (a failed build, a dry run), so a failed run never makes the next see 304.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Protocol

from ..errors import IngestError, IngestWarning
from .settings import Settings
from .source import Page

MEMORY_BYTES = 64 * 1024 * 1024  # the pages one run keeps in memory
MEMORY_SECONDS = 600.0  # ... and how long it trusts one (a scheduler runs in one process)


class WebCache(Protocol):
    """What the web stage remembers between runs (the state file implements it)."""

    def validators(self, url: str) -> tuple[str | None, str | None]:
        """The ETag and Last-Modified the last run got for ``url``."""
        ...

    def remember(self, url: str, etag: str | None, last_modified: str | None) -> None: ...

    def feed(self, feed: str) -> tuple[str | None, set[str]]:
        """The newest entry date seen in ``feed`` (ISO, UTC) and the entry links seen."""
        ...

    def mark_feed(self, feed: str, newest: str | None, links: list[str]) -> None: ...


class BoundReached(IngestWarning):
    """A bound of the run's web work was hit (page budget, deadline): a warning, not a failure."""


class WebSession:
    """Pages and failures of this run, per-host clocks, bounds, and the writes to ``cache``.

    ``settings`` (an ``ingest.settings.Settings``), when given, is what every fetch of the
    run uses instead of the environment's. Safe to share between the threads that fetch
    from different hosts at once.
    """

    def __init__(self, cache: WebCache | None = None, *, hold_writes: bool = False,
                 settings: Settings | None = None) -> None:
        self.cache = cache
        self.settings = settings
        self._memory: OrderedDict[str, tuple[float, Page | IngestError]] = OrderedDict()
        self._memory_bytes = 0
        self._last_request: dict[str, float] = {}
        self._held: list[Callable[[], None]] | None = [] if hold_writes else None
        self._lock = threading.RLock()
        self._started = time.monotonic()
        self._requests = 0
        self._dead: dict[str, IngestError] = {}
        self.bounds_hit: set[str] = set()

    # --- bounds -----------------------------------------------------------------------------

    def spend(self, url: str, max_pages: int, deadline: float) -> None:
        """Count one request against the run's bounds; ``BoundReached`` once one is spent."""
        with self._lock:
            if self._requests >= max_pages:
                self.bounds_hit.add("max_pages")
                raise BoundReached(
                    f"not fetched: the run's page budget ({max_pages} requests) is spent",
                    subject=url, hint="raise web.max_pages or POLICYBRIEF_HTTP_MAX_PAGES")
            if time.monotonic() - self._started > deadline:
                self.bounds_hit.add("deadline")
                raise BoundReached(
                    f"not fetched: the run's time for web work ({deadline:g} s) is up",
                    subject=url, hint="raise web.deadline or POLICYBRIEF_HTTP_DEADLINE")
            self._requests += 1

    def dead_host(self, host: str) -> IngestError | None:
        """The failure that showed ``host`` cannot be reached in this run, if any."""
        with self._lock:
            return self._dead.get(host)

    def mark_dead(self, host: str, error: IngestError) -> None:
        with self._lock:
            self._dead.setdefault(host, error)

    # --- pages of this run ------------------------------------------------------------------

    def recall(self, url: str) -> Page | IngestError | None:
        """What this run already got from ``url``; entries older than MEMORY_SECONDS are stale."""
        with self._lock:
            known = self._memory.get(url)
            if known is None:
                return None
            if time.monotonic() - known[0] > MEMORY_SECONDS:
                self._forget(url)
                return None
            return known[1]

    def keep(self, url: str, outcome: Page | IngestError) -> None:
        with self._lock:
            self._forget(url)
            self._memory[url] = (time.monotonic(), outcome)
            if isinstance(outcome, Page):
                self._memory_bytes += len(outcome.body)
            while self._memory_bytes > MEMORY_BYTES and len(self._memory) > 1:
                self._forget(next(iter(self._memory)))

    def _forget(self, url: str) -> None:
        old = self._memory.pop(url, None)
        if old is not None and isinstance(old[1], Page):
            self._memory_bytes -= len(old[1].body)

    def wait_for(self, host: str, delay: float) -> float:
        """Seconds to sleep so that requests to ``host`` are ``delay`` apart; marks the request."""
        with self._lock:
            last = self._last_request.get(host)
            wait = 0.0 if last is None else max(0.0, delay - (time.monotonic() - last))
            self._last_request[host] = time.monotonic() + wait
            return wait

    # --- what the next run should know ------------------------------------------------------

    def validators(self, url: str) -> tuple[str | None, str | None]:
        return self.cache.validators(url) if self.cache is not None else (None, None)

    def seen_feed(self, feed: str) -> tuple[str | None, set[str]] | None:
        """What earlier runs saw of ``feed``; None without a cache (every entry is new)."""
        return self.cache.feed(feed) if self.cache is not None else None

    def remember_page(self, page: Page) -> None:
        """Keep the page's validators for the next run's conditional GET."""
        cache = self.cache
        if cache is None or not (page.etag or page.last_modified):
            return
        self._write(lambda: cache.remember(page.url, page.etag, page.last_modified))

    def mark_feed(self, feed: str, newest: str | None, links: list[str]) -> None:
        cache = self.cache
        if cache is not None:
            self._write(lambda: cache.mark_feed(feed, newest, links))

    def _write(self, write: Callable[[], None]) -> None:
        with self._lock:
            if self._held is None:
                write()
            else:
                self._held.append(write)

    def commit(self) -> None:
        """Apply the held writes: the work they record has happened."""
        held, self._held = self._held or [], []
        for write in held:
            write()

    def discard(self) -> None:
        """Drop the held writes: what they record did not happen (or was only a preview)."""
        if self._held is not None:
            self._held = []
