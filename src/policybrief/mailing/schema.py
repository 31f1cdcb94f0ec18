"""The state file's schema: its migrations, applied in order by ``state.State.open``.

Each migration takes the schema from version i to i + 1. Append; never edit a shipped one.
Every table of the state file is created here: the runs, digests, articles and deliveries,
and what the web stage remembers between runs (validators, feed marks).
"""

from __future__ import annotations

# Each migration takes the schema from version i to i + 1. Append; never edit a shipped one.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        started TEXT NOT NULL,
        finished TEXT,
        status TEXT NOT NULL DEFAULT 'running',   -- running | ok | partial | failed | nothing
        new_articles INTEGER NOT NULL DEFAULT 0,
        digest_id INTEGER,
        delivered INTEGER NOT NULL DEFAULT 0,
        failed INTEGER NOT NULL DEFAULT 0,
        pending INTEGER NOT NULL DEFAULT 0,
        message TEXT
    );
    CREATE TABLE digests (
        id INTEGER PRIMARY KEY,
        hash TEXT NOT NULL,              -- the digest's identity: its articles and title
        created TEXT NOT NULL,
        run_id INTEGER REFERENCES runs(id),
        title TEXT NOT NULL,
        subject TEXT NOT NULL,
        count INTEGER NOT NULL,
        text TEXT NOT NULL,
        html TEXT NOT NULL
    );
    CREATE INDEX digests_hash ON digests(hash);
    CREATE TABLE articles (
        hash TEXT PRIMARY KEY,           -- policybrief.brief.content_hash
        url TEXT,
        source TEXT NOT NULL,
        title TEXT,
        first_seen TEXT NOT NULL
    );
    CREATE INDEX articles_url ON articles(url);
    CREATE TABLE digest_articles (
        digest_id INTEGER NOT NULL REFERENCES digests(id),
        article_hash TEXT NOT NULL REFERENCES articles(hash),
        PRIMARY KEY (digest_id, article_hash)
    );
    CREATE TABLE deliveries (
        id INTEGER PRIMARY KEY,
        digest_id INTEGER NOT NULL REFERENCES digests(id),
        recipient TEXT NOT NULL,
        message_id TEXT NOT NULL,
        message BLOB NOT NULL,           -- the exact bytes sent, so a retry is the same mail
        status TEXT NOT NULL DEFAULT 'pending',
            -- pending | sending | delivered | failed | cancelled
        attempts INTEGER NOT NULL DEFAULT 0,
        answer TEXT,                     -- the server's last answer
        updated TEXT NOT NULL,
        delivered_at TEXT,
        UNIQUE (digest_id, recipient)
    );
    CREATE INDEX deliveries_status ON deliveries(status);
    """,
    # 2: what the web stage remembers between runs (see ``webcache``); IF NOT EXISTS because
    # files written before this migration may hold them already.
    """
    CREATE TABLE IF NOT EXISTS http_cache (
        url TEXT PRIMARY KEY,
        etag TEXT,
        last_modified TEXT,
        checked_at TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS feed_seen (
        feed TEXT PRIMARY KEY,
        newest TEXT,
        checked_at TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS feed_entries (
        feed TEXT NOT NULL,
        link TEXT NOT NULL,
        seen_at TEXT NOT NULL,
        PRIMARY KEY (feed, link)
    );
    """,
    # 3: readers who unsubscribed (by the one-click link, the confirmation page or the CLI),
    # and whether a delivery whose outcome was unknown (the connection was lost after the end
    # of DATA) has had its one resend. Delivery statuses gain 'unknown'.
    """
    CREATE TABLE unsubscribed (
        address TEXT PRIMARY KEY,        -- the bare address, lower case
        at TEXT NOT NULL,
        via TEXT NOT NULL                -- one-click | page | cli
    );
    ALTER TABLE deliveries ADD COLUMN unknown_resent INTEGER NOT NULL DEFAULT 0;
    """,
    # 4: each digest as JSON (schema policybrief.digest/2), so the next run can tell which
    # of its stories continue one the readers were sent (what's new).
    """
    ALTER TABLE digests ADD COLUMN json TEXT;
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)
