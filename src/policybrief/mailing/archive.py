"""The web archive's view of the state file: the digests that were delivered, newest first.

A digest is listed once at least one reader's copy was delivered (or may have been: the
server went silent after the end of DATA); its permanent key is the first ``DIGEST_KEY``
hex characters of its hash, so its URL never changes and reveals nothing.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from ..errors import StateError
from .state import State
from .subscribers import DIGEST_KEY

SHOWN = ("delivered", "unknown")


@dataclass(frozen=True)
class ArchivedDigest:
    key: str
    title: str
    subject: str
    count: int
    created: str  # ISO 8601, UTC


def _rows(state: State, sql: str, params: tuple[object, ...]) -> list[sqlite3.Row]:
    try:
        return state.conn.execute(sql, params).fetchall()
    except sqlite3.Error as exc:
        raise StateError(f"state database error: {exc}", subject=state.label,
                         hint="check the state file") from exc


def delivered_digests(state: State, limit: int = 500) -> list[ArchivedDigest]:
    rows = _rows(state, "SELECT g.hash, g.title, g.subject, g.count, g.created FROM digests g "
                 "WHERE EXISTS (SELECT 1 FROM deliveries d WHERE d.digest_id = g.id AND "
                 f"d.status IN ({','.join('?' * len(SHOWN))})) ORDER BY g.id DESC LIMIT ?",
                 (*SHOWN, limit))
    return [ArchivedDigest(r["hash"][:DIGEST_KEY], r["title"], r["subject"], r["count"],
                           r["created"]) for r in rows]


def digest_html(state: State, key: str) -> str | None:
    """The archived HTML of the delivered digest with this key, or None."""
    if len(key) != DIGEST_KEY or any(c not in "0123456789abcdef" for c in key):
        return None
    rows = _rows(state, "SELECT g.html FROM digests g WHERE substr(g.hash, 1, ?) = ? AND "
                 "EXISTS (SELECT 1 FROM deliveries d WHERE d.digest_id = g.id AND "
                 f"d.status IN ({','.join('?' * len(SHOWN))})) ORDER BY g.id DESC LIMIT 1",
                 (DIGEST_KEY, key, *SHOWN))
    return str(rows[0]["html"]) if rows else None
