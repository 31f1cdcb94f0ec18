"""The state file's web tables as the web stage's ``WebCache``: what the next run should know.

``http_cache`` keeps the ETag / Last-Modified of each URL read (for conditional GET);
``feed_seen`` the newest entry date of each feed, and ``feed_entries`` the links of the
entries passed on (for entries without dates). The tables are created by ``state``'s
migrations; this module only reads and writes them, each write its own transaction. A
failed read or write costs a fetch, never the run: it is logged and the page read afresh.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime

from ..errors import StateError
from .state import State

log = logging.getLogger(__name__)

KEEP_LINKS = 2000  # entry links remembered per feed (for entries without dates)


def now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class StateWebCache:
    """``ingest.WebCache`` over an open ``State``."""

    def __init__(self, state: State) -> None:
        self.state = state

    def _read(self, sql: str, params: tuple[object, ...]) -> list[tuple[object, ...]]:
        try:
            return [tuple(row) for row in self.state.conn.execute(sql, params)]
        except sqlite3.Error as exc:
            log.warning("%s: cannot read the web cache (%s); fetching afresh", self.state.label, exc)
            return []

    def _write(self, action: Callable[[sqlite3.Connection], None]) -> None:
        try:
            with self.state.transaction() as conn:
                action(conn)
        except (sqlite3.Error, StateError) as exc:
            log.warning("%s: cannot update the web cache (%s)", self.state.label, exc)

    def validators(self, url: str) -> tuple[str | None, str | None]:
        rows = self._read("SELECT etag, last_modified FROM http_cache WHERE url = ?", (url,))
        if not rows:
            return None, None
        etag, modified = rows[0]
        return (str(etag) if etag else None), (str(modified) if modified else None)

    def remember(self, url: str, etag: str | None, last_modified: str | None) -> None:
        values = (url, etag, last_modified, now_iso())

        def action(conn: sqlite3.Connection) -> None:
            conn.execute("INSERT OR REPLACE INTO http_cache (url, etag, last_modified, "
                         "checked_at) VALUES (?, ?, ?, ?)", values)

        self._write(action)

    def feed(self, feed: str) -> tuple[str | None, set[str]]:
        rows = self._read("SELECT newest FROM feed_seen WHERE feed = ?", (feed,))
        newest = str(rows[0][0]) if rows and rows[0][0] else None
        links = {str(r[0]) for r in self._read("SELECT link FROM feed_entries WHERE feed = ?", (feed,))}
        return newest, links

    def mark_feed(self, feed: str, newest: str | None, links: list[str]) -> None:
        stamp = now_iso()

        def action(conn: sqlite3.Connection) -> None:
            conn.execute(
                "INSERT INTO feed_seen (feed, newest, checked_at) VALUES (?, ?, ?) "
                "ON CONFLICT (feed) DO UPDATE SET checked_at = excluded.checked_at, "
                "newest = CASE WHEN feed_seen.newest IS NULL OR "
                "excluded.newest > feed_seen.newest THEN excluded.newest "
                "ELSE feed_seen.newest END",
                (feed, newest, stamp))
            conn.executemany(
                "INSERT OR REPLACE INTO feed_entries (feed, link, seen_at) VALUES (?, ?, ?)",
                [(feed, link, stamp) for link in links])
            conn.execute(
                "DELETE FROM feed_entries WHERE feed = ? AND link NOT IN (SELECT link FROM "
                "feed_entries WHERE feed = ? ORDER BY seen_at DESC LIMIT ?)",
                (feed, feed, KEEP_LINKS))

        self._write(action)
