"""The state file: SQLite (stdlib), WAL, a versioned schema, one transaction per step.

It records the articles seen (content hash, and URL for web ingest), the digests built
(their content hash, text and HTML), the deliveries per recipient (the exact message
bytes, status, attempts and the server's answer) and the runs. A delivery is marked
``delivered`` only after the SMTP server accepted it; see ``policybrief.mailing.cycle`` for the
order of steps and the at-least-once trade-off.

It also holds what the web stage remembers between runs (validators of URLs, what each feed
showed: see ``webcache``). This module creates and migrates every table of the file.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parseaddr
from pathlib import Path
from typing import Any

from ..errors import StateError
from .schema import MIGRATIONS, SCHEMA_VERSION

MEMORY = ":memory:"
BUSY_TIMEOUT_MS = 5000

# a digest with one of these is not rebuilt ('unknown': the server may hold it)
LIVE = ("pending", "sending", "delivered", "unknown")


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Delivery:
    id: int
    digest_id: int
    recipient: str
    message_id: str
    message: bytes
    status: str
    attempts: int
    answer: str | None


@dataclass(frozen=True)
class NewDigest:
    """A digest ready to be recorded with its outbox: what ``State.record_digest`` takes."""

    hash: str
    title: str
    subject: str
    count: int
    text: str
    html: str
    articles: tuple[tuple[str, str | None, str, str | None], ...]  # (hash, url, source, title)
    messages: tuple[tuple[str, str, bytes], ...]  # (recipient, message_id, bytes)
    json: str | None = None  # the digest as JSON, for the next run's what's new


class State:
    """An open state database. Use ``State.open`` (or ``open_state``) rather than the init."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None) -> None:
        self.conn = conn
        self.path = path

    @property
    def label(self) -> str:
        return str(self.path) if self.path else "<memory>"

    # --- opening --------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | None, *, create: bool = True) -> State:
        """Open (creating and migrating as needed) the state at ``path``; None: in memory."""
        label = str(path) if path else "<memory>"
        if path is not None:
            if not create and not path.exists():
                raise StateError("no state file yet", subject=label,
                                 hint="run 'policybrief run' first")
            _refuse_emptied(path)
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StateError(f"cannot create its folder: {exc.strerror or exc}",
                                 subject=label, hint="check the state path") from exc
        try:
            conn = sqlite3.connect(str(path) if path else MEMORY, isolation_level=None,
                                   timeout=BUSY_TIMEOUT_MS / 1000)
        except sqlite3.Error as exc:
            raise _state_error(exc, label) from exc
        conn.row_factory = sqlite3.Row
        state = cls(conn, path)
        try:
            conn.execute("PRAGMA foreign_keys = ON")
            if path is not None:
                mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
                if str(mode).lower() != "wal":  # pragma: no cover - e.g. some network FS
                    conn.execute("PRAGMA journal_mode = DELETE")
                conn.execute("PRAGMA synchronous = FULL")
            state._migrate()
            if path is not None:
                check = conn.execute("PRAGMA quick_check").fetchone()[0]
                if check != "ok":
                    raise sqlite3.DatabaseError(f"integrity check failed: {check}")
        except sqlite3.Error as exc:
            conn.close()
            raise _state_error(exc, label) from exc
        except StateError:
            conn.close()
            raise
        return state

    def _migrate(self) -> None:
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        if version == 0:
            tables = [r[0] for r in self.conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
            if tables:
                raise StateError(
                    f"is an SQLite database, but not policybrief's (its tables: "
                    f"{', '.join(tables[:5])})", subject=self.label,
                    hint="point state at a file of its own; nothing was changed in this one")
        if version > SCHEMA_VERSION:
            raise StateError(
                f"was written by a newer policybrief (schema {version}, this one knows "
                f"{SCHEMA_VERSION})", subject=self.label, hint="upgrade policybrief")
        for target in range(version + 1, SCHEMA_VERSION + 1):
            with self.transaction() as conn:
                for statement in _statements(MIGRATIONS[target - 1]):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {target}")

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> State:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One step: BEGIN IMMEDIATE ... COMMIT, rolled back on any error."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise _state_error(exc, self.label) from exc
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        try:
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            raise _state_error(exc, self.label) from exc

    def _write(self, sql: str, params: Iterable[Any] = ()) -> sqlite3.Cursor:
        try:
            with self.transaction() as conn:
                return conn.execute(sql, tuple(params))
        except sqlite3.Error as exc:
            raise _state_error(exc, self.label) from exc

    def _read(self, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:
        try:
            return self.conn.execute(sql, tuple(params)).fetchall()
        except sqlite3.Error as exc:
            raise _state_error(exc, self.label) from exc

    # --- runs -----------------------------------------------------------------------------

    def begin_run(self) -> int:
        return int(self._write("INSERT INTO runs (started) VALUES (?)", (now_iso(),)).lastrowid
                   or 0)

    def finish_run(self, run_id: int, *, status: str, new_articles: int, digest_id: int | None,
                   delivered: int, failed: int, pending: int, message: str | None) -> None:
        self._write(
            "UPDATE runs SET finished = ?, status = ?, new_articles = ?, digest_id = ?, "
            "delivered = ?, failed = ?, pending = ?, message = ? WHERE id = ?",
            (now_iso(), status, new_articles, digest_id, delivered, failed, pending, message,
             run_id))

    def close_abandoned_runs(self) -> int:
        """Runs left 'running' by a killed process: mark them so status tells the truth."""
        cursor = self._write("UPDATE runs SET status = 'killed', message = "
                             "'the process ended before the run finished' "
                             "WHERE status = 'running'")
        return cursor.rowcount

    # --- articles and digests -------------------------------------------------------------

    def known_articles(self) -> tuple[set[str], set[str]]:
        """(hashes, urls) of articles in a digest that was delivered or still waits to be."""
        rows = self._read(
            "SELECT DISTINCT a.hash, a.url FROM articles a "
            "JOIN digest_articles da ON da.article_hash = a.hash "
            "JOIN deliveries d ON d.digest_id = da.digest_id "
            f"WHERE d.status IN ({','.join('?' * len(LIVE))})", LIVE)
        return {r["hash"] for r in rows}, {r["url"] for r in rows if r["url"]}

    def digest_is_live(self, digest_hash: str) -> bool:
        """True when a digest with this hash was delivered or waits in the outbox."""
        rows = self._read(
            "SELECT 1 FROM digests g JOIN deliveries d ON d.digest_id = g.id "
            f"WHERE g.hash = ? AND d.status IN ({','.join('?' * len(LIVE))}) LIMIT 1",
            (digest_hash, *LIVE))
        return bool(rows)

    def previous_digest(self) -> str | None:
        """The JSON of the last digest recorded with articles, or None (the first run)."""
        rows = self._read("SELECT json FROM digests WHERE json IS NOT NULL AND count > 0 "
                          "ORDER BY id DESC LIMIT 1", ())
        return str(rows[0]["json"]) if rows else None

    def record_digest(self, run_id: int, new: NewDigest) -> int:
        """The digest, its articles and one pending delivery per recipient: one transaction."""
        try:
            with self.transaction() as conn:
                stamp = now_iso()
                digest_id = int(conn.execute(
                    "INSERT INTO digests (hash, created, run_id, title, subject, count, text, "
                    "html, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (new.hash, stamp, run_id, new.title, new.subject, new.count, new.text,
                     new.html, new.json)).lastrowid or 0)
                for article_hash, url, source, title in new.articles:
                    conn.execute(
                        "INSERT INTO articles (hash, url, source, title, first_seen) "
                        "VALUES (?, ?, ?, ?, ?) ON CONFLICT(hash) DO UPDATE SET "
                        "url = COALESCE(articles.url, excluded.url)",
                        (article_hash, url, source, title, stamp))
                    conn.execute("INSERT OR IGNORE INTO digest_articles VALUES (?, ?)",
                                 (digest_id, article_hash))
                for recipient, message_id, data in new.messages:
                    conn.execute(
                        "INSERT INTO deliveries (digest_id, recipient, message_id, message, "
                        "updated) VALUES (?, ?, ?, ?, ?)",
                        (digest_id, recipient, message_id, data, stamp))
                return digest_id
        except sqlite3.Error as exc:
            raise _state_error(exc, self.label) from exc

    # --- the outbox -----------------------------------------------------------------------

    def recover_interrupted(self) -> list[Delivery]:
        """Deliveries left 'sending' by a killed run go back to 'pending' (see cycle.py)."""
        rows = self._deliveries("status = 'sending'")
        if rows:
            self._write("UPDATE deliveries SET status = 'pending', updated = ?, answer = "
                        "'interrupted while sending; resent with the same Message-ID' "
                        "WHERE status = 'sending'", (now_iso(),))
        return rows

    def resend_unknown(self) -> list[Delivery]:
        """Deliveries whose outcome was unknown (connection lost after the end of DATA) go
        back to 'pending' once: resent by this run, with the same Message-ID, never again."""
        rows = self._deliveries("status = 'unknown' AND unknown_resent = 0")
        if rows:
            self._write("UPDATE deliveries SET status = 'pending', unknown_resent = 1, "
                        "updated = ? WHERE status = 'unknown' AND unknown_resent = 0",
                        (now_iso(),))
        return rows

    def cancel_removed(self, recipients: Iterable[str],
                       unsubscribed: Iterable[str] = ()) -> list[Delivery]:
        """Pending deliveries to addresses no longer in the config, or that unsubscribed,
        are not sent."""
        keep = {bare_address(r) for r in recipients}
        left = {bare_address(r) for r in unsubscribed}
        gone = [d for d in self.outbox() if bare_address(d.recipient) not in keep - left]
        for d in gone:
            why = "unsubscribed" if bare_address(d.recipient) in left else \
                "recipient removed from the config"
            self.set_status(d.id, "cancelled", why)
        return gone

    def all_due(self) -> list[Delivery]:
        """What the next run will send: the outbox and the unknown deliveries due a resend."""
        return self._deliveries("status IN ('pending', 'sending') OR (status = 'unknown' AND "
                                "unknown_resent = 0)")

    def outbox(self) -> list[Delivery]:
        """Deliveries waiting to be sent, oldest digest first."""
        return self._deliveries("status IN ('pending', 'sending')")

    def _deliveries(self, where: str, params: Iterable[Any] = ()) -> list[Delivery]:
        rows = self._read(
            "SELECT id, digest_id, recipient, message_id, message, status, attempts, answer "
            f"FROM deliveries WHERE {where} ORDER BY digest_id, id", params)
        return [Delivery(r["id"], r["digest_id"], r["recipient"], r["message_id"],
                         bytes(r["message"]), r["status"], r["attempts"], r["answer"])
                for r in rows]

    def mark_sending(self, delivery_id: int) -> bool:
        """Committed before the message goes out: a kill after this leaves 'sending'.
        False when the delivery left the outbox meanwhile (the reader unsubscribed)."""
        cursor = self._write("UPDATE deliveries SET status = 'sending', attempts = attempts + 1, "
                             "updated = ? WHERE id = ? AND status IN ('pending', 'sending')",
                             (now_iso(), delivery_id))
        return cursor.rowcount == 1

    def set_status(self, delivery_id: int, status: str, answer: str | None) -> None:
        stamp = now_iso()
        self._write("UPDATE deliveries SET status = ?, answer = ?, updated = ?, "
                    "delivered_at = CASE WHEN ? = 'delivered' THEN ? ELSE delivered_at END "
                    "WHERE id = ?", (status, answer, stamp, status, stamp, delivery_id))

    # --- status ---------------------------------------------------------------------------

    def runs(self, limit: int = 10) -> list[dict[str, Any]]:
        return [dict(r) for r in self._read(
            "SELECT id, started, finished, status, new_articles, digest_id, delivered, failed, "
            "pending, message FROM runs ORDER BY id DESC LIMIT ?", (limit,))]

    def digests(self, limit: int = 5) -> list[dict[str, Any]]:
        result = []
        for g in self._read("SELECT id, hash, created, subject, count FROM digests "
                            "ORDER BY id DESC LIMIT ?", (limit,)):
            item = dict(g)
            item["deliveries"] = [dict(d) for d in self._read(
                "SELECT recipient, status, attempts, answer, message_id, updated, delivered_at "
                "FROM deliveries WHERE digest_id = ? ORDER BY id", (g["id"],))]
            result.append(item)
        return result

    def pending_summary(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self._read(
            "SELECT d.digest_id, g.subject, d.recipient, d.status, d.attempts, d.answer, "
            "d.updated FROM deliveries d JOIN digests g ON g.id = d.digest_id "
            "WHERE d.status IN ('pending', 'sending') OR (d.status = 'unknown' AND "
            "d.unknown_resent = 0) ORDER BY d.digest_id, d.id")]

    def dump(self) -> str:  # pragma: no cover - a debugging aid
        return json.dumps({"runs": self.runs(), "digests": self.digests()}, indent=2)


def _refuse_emptied(path: Path) -> None:
    """A state file that exists but is empty was truncated or replaced: taking it for a new
    one would mail every article already delivered again, so it is refused."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return  # none yet: it is created
    except OSError as exc:
        raise StateError(f"cannot be read: {exc.strerror or exc}", subject=str(path),
                         hint="check the state path and its permissions") from exc
    wal = path.with_name(path.name + "-wal")
    if size == 0 and not (wal.exists() and wal.stat().st_size > 0):
        raise StateError(
            "is empty (0 bytes): the state of earlier runs is gone, so a run now would mail "
            "every article already delivered again", subject=str(path),
            hint="restore it from a backup, or delete it to start afresh on purpose")


def bare_address(recipient: str) -> str:
    """'Name <A@x.org>' → 'a@x.org': a display name change is not a new recipient."""
    return (parseaddr(recipient)[1] or recipient).lower()


def _statements(script: str) -> list[str]:
    """Split a migration script into statements (no semicolons inside our literals)."""
    lines = [line.split("--", 1)[0] for line in script.splitlines()]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


def _state_error(exc: sqlite3.Error, label: str) -> StateError:
    text = str(exc)
    lowered = text.lower()
    if "locked" in lowered or "busy" in lowered:
        return StateError(f"the database is locked ({text})", subject=label,
                          hint="another process holds it; wait for it, or stop it")
    if isinstance(exc, sqlite3.DatabaseError) and (
            "not a database" in lowered or "malformed" in lowered or "integrity" in lowered
            or "corrupt" in lowered):
        return StateError(f"the state file is corrupt ({text})", subject=label,
                          hint="move it aside (e.g. 'mv FILE FILE.broken'); the next run starts "
                               "afresh and may resend articles already delivered")
    if "readonly" in lowered or "unable to open" in lowered:
        return StateError(f"cannot write the state file ({text})", subject=label,
                          hint="check the permissions of the file and its folder")
    return StateError(f"state database error: {text}", subject=label,
                      hint="check the file and its folder; move a damaged file aside")
