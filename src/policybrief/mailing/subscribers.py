"""Who unsubscribed, and the signed per-recipient links that let them.

A reader's unsubscribe token is an HMAC-SHA256 of their bare address (lower case) under
``POLICYBRIEF_SECRET``, cut to 128 bits and base64url-encoded: it carries no readable
address, cannot be made without the secret, and ``serve`` finds whose it is by computing
the token of each known recipient (the config's and the state file's) and comparing in
constant time. A changed secret voids every link already mailed (say so when rotating).

The ``unsubscribed`` table lives in the state file (created by ``schema``); an
unsubscription also cancels that reader's copies still waiting in the outbox.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import sqlite3
from collections.abc import Iterable

from ..config import Config
from ..errors import StateError
from .state import State, bare_address, now_iso

TOKEN_CONTEXT = b"policybrief-unsubscribe/1\n"
TOKEN_BYTES = 16
DIGEST_KEY = 16  # hex characters of a digest's hash in its permanent URL
VIA = ("one-click", "page", "cli")


def token_for(secret: str, recipient: str) -> str:
    mac = hmac.new(secret.encode("utf-8"), TOKEN_CONTEXT + bare_address(recipient).encode("utf-8"),
                   hashlib.sha256).digest()[:TOKEN_BYTES]
    return base64.urlsafe_b64encode(mac).rstrip(b"=").decode("ascii")


def recipient_of(secret: str, token: str, candidates: Iterable[str]) -> str | None:
    """The bare address among ``candidates`` whose token is ``token``, or None (forged)."""
    found = None
    for candidate in {bare_address(c) for c in candidates}:
        if hmac.compare_digest(token_for(secret, candidate), token):
            found = candidate
    return found


def unsubscribe_url(config: Config, recipient: str) -> str | None:
    """The recipient's one-click URL under ``server.base_url`` (None without one)."""
    if not config.server.base_url:
        return None
    return f"{config.server.base_url}/unsubscribe/{token_for(config.secret.reveal(), recipient)}"


def digest_url(config: Config, digest_hash: str) -> str | None:
    """The permanent "view in browser" page of a digest (None without a base URL)."""
    if not config.server.base_url:
        return None
    return f"{config.server.base_url}/digest/{digest_hash[:DIGEST_KEY]}"


def _wrap(state: State, exc: sqlite3.Error) -> StateError:
    return StateError(f"state database error: {exc}", subject=state.label,
                      hint="check the state file and its folder")


def unsubscribed(state: State) -> dict[str, tuple[str, str]]:
    """{bare address: (when, via)} of everyone who unsubscribed."""
    try:
        rows = state.conn.execute("SELECT address, at, via FROM unsubscribed ORDER BY at").fetchall()
    except sqlite3.Error as exc:
        raise _wrap(state, exc) from exc
    return {r["address"]: (r["at"], r["via"]) for r in rows}


def unsubscribe(state: State, recipient: str, via: str) -> bool:
    """Record that ``recipient`` unsubscribed and cancel their waiting copies; False when
    they had already."""
    address = bare_address(recipient)
    try:
        with state.transaction() as conn:
            added = conn.execute("INSERT OR IGNORE INTO unsubscribed (address, at, via) "
                                 "VALUES (?, ?, ?)", (address, now_iso(), via)).rowcount == 1
            for row in conn.execute("SELECT id, recipient FROM deliveries WHERE status = "
                                    "'pending'").fetchall():
                if bare_address(row["recipient"]) == address:
                    conn.execute("UPDATE deliveries SET status = 'cancelled', answer = "
                                 "'unsubscribed', updated = ? WHERE id = ?", (now_iso(), row["id"]))
    except sqlite3.Error as exc:
        raise _wrap(state, exc) from exc
    return added


def resubscribe(state: State, recipient: str) -> bool:
    """Take ``recipient`` off the unsubscribed list; False when they were not on it."""
    try:
        with state.transaction() as conn:
            return conn.execute("DELETE FROM unsubscribed WHERE address = ?",
                                (bare_address(recipient),)).rowcount == 1
    except sqlite3.Error as exc:
        raise _wrap(state, exc) from exc


def known_recipients(state: State, config: Config) -> set[str]:
    """Everyone a link may have been mailed to: the config's recipients and the state's."""
    try:
        rows = state.conn.execute("SELECT DISTINCT recipient FROM deliveries").fetchall()
    except sqlite3.Error as exc:
        raise _wrap(state, exc) from exc
    return {bare_address(r["recipient"]) for r in rows} | {bare_address(r) for r in config.email.to}
