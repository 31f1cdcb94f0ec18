"""State: a versioned SQLite schema in WAL mode, an outbox, a lock, clear errors."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from policybrief.errors import ExitCode, LockedError, StateError
from policybrief.mailing.lock import lock
from policybrief.mailing.state import SCHEMA_VERSION, NewDigest, State


def new_digest(articles: tuple[str, ...] = ("h1", "h2"), to: tuple[str, ...] = ("a@x.org",)
               ) -> NewDigest:
    return NewDigest(hash="d" + "".join(articles), title="T", subject="S", count=len(articles),
                     text="text", html="<p>html</p>",
                     articles=tuple((h, None, f"{h}.txt", h.upper()) for h in articles),
                     messages=tuple((r, f"<{i}@x.org>", b"bytes " + r.encode())
                                    for i, r in enumerate(to)))


def test_a_new_state_is_migrated_and_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "state.db"
    with State.open(path) as st:
        assert st.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert st.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = {r[0] for r in st.conn.execute("SELECT name FROM sqlite_master "
                                                "WHERE type = 'table'")}
    assert {"runs", "digests", "articles", "digest_articles", "deliveries"} <= tables
    with State.open(path) as st:  # reopening migrates nothing and keeps the data
        assert st.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_articles_table_has_a_url_column_for_web_ingest(tmp_path: Path) -> None:
    with State.open(tmp_path / "s.db") as st:
        columns = {r[1] for r in st.conn.execute("PRAGMA table_info(articles)")}
    assert {"hash", "url", "source", "title", "first_seen"} <= columns


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(StateError, match="newer policybrief") as info:
        State.open(path)
    assert str(path) in str(info.value)


def test_a_corrupt_file_names_the_file_and_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "state.db"
    path.write_bytes(b"this is not a database, just some bytes" * 100)
    with pytest.raises(StateError) as info:
        State.open(path)
    message = str(info.value)
    assert str(path) in message and "corrupt" in message and "move it aside" in message


def test_a_truncated_database_is_reported_as_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "state.db"
    with State.open(path) as st:
        st.record_digest(st.begin_run(), new_digest())
        st.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = path.read_bytes()
    path.write_bytes(data[:100] + b"\xff" * (len(data) - 100))
    with pytest.raises(StateError, match="corrupt"):
        State.open(path)


def test_a_database_locked_by_another_writer_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "state.db"
    State.open(path).close()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        st = State.open(path)
        st.conn.execute("PRAGMA busy_timeout = 50")
        with pytest.raises(StateError, match="locked") as info:
            st.begin_run()
        assert str(path) in str(info.value)
        st.close()
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_record_digest_makes_articles_known_while_live(tmp_path: Path) -> None:
    with State.open(tmp_path / "s.db") as st:
        run = st.begin_run()
        digest_id = st.record_digest(run, new_digest(to=("a@x.org", "b@x.org")))
        assert st.known_articles()[0] == {"h1", "h2"}  # pending counts: never built twice
        outbox = st.outbox()
        assert [d.recipient for d in outbox] == ["a@x.org", "b@x.org"]
        assert outbox[0].message == b"bytes a@x.org" and outbox[0].digest_id == digest_id
        for d in outbox:
            st.set_status(d.id, "failed", "550 no")
        assert st.known_articles()[0] == set()  # refused everywhere: the articles come back
        assert not st.digest_is_live("dh1h2")


def test_interrupted_sends_go_back_to_the_outbox(tmp_path: Path) -> None:
    with State.open(tmp_path / "s.db") as st:
        st.record_digest(st.begin_run(), new_digest())
        d = st.outbox()[0]
        st.mark_sending(d.id)
    with State.open(tmp_path / "s.db") as st:  # as after kill -9
        assert st.close_abandoned_runs() == 1
        recovered = st.recover_interrupted()
        assert [r.id for r in recovered] == [d.id]
        again = st.outbox()[0]
        assert again.status == "pending" and again.attempts == 1
        assert "same Message-ID" in (again.answer or "")
        assert st.runs()[0]["status"] == "killed"


def test_a_failed_step_rolls_back(tmp_path: Path) -> None:
    with State.open(tmp_path / "s.db") as st:
        run = st.begin_run()
        bad = NewDigest(hash="x", title="T", subject="S", count=1, text="t", html="h",
                        articles=(("h1", None, "a", None),),
                        messages=(("a@x.org", "<1@x>", b"m"), ("a@x.org", "<1@x>", b"m")))
        with pytest.raises(StateError):
            st.record_digest(run, bad)  # the duplicate recipient breaks UNIQUE
        assert st.digests() == [] and st.outbox() == []
        assert st.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 0


def test_cancel_removed_recipients(tmp_path: Path) -> None:
    with State.open(tmp_path / "s.db") as st:
        st.record_digest(st.begin_run(), new_digest(to=("a@x.org", "b@x.org")))
        gone = st.cancel_removed(["Alice <A@x.org>"])  # a new display name: the same one
        assert [d.recipient for d in gone] == ["b@x.org"]
        assert [d.recipient for d in st.outbox()] == ["a@x.org"]


def test_the_lock_refuses_a_second_holder_at_once(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with lock(path):
        started = time.monotonic()
        with pytest.raises(LockedError) as info, lock(path):
            pass
        assert time.monotonic() - started < 1
        assert info.value.exit_code == ExitCode.LOCKED
        assert str(path) in str(info.value) and "another run" in str(info.value)
    with lock(path):  # released
        pass


def test_the_lock_dies_with_its_process(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from pathlib import Path; "
         "from policybrief.mailing.lock import lock\n"
         f"with lock(Path({str(path)!r})):\n print('held', flush=True); time.sleep(60)"],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(LockedError, match=f"pid {holder.pid}"), lock(path):
            pass
        holder.kill()
        holder.wait(10)
        with lock(path):
            pass
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait(10)
        assert holder.stdout is not None
        holder.stdout.close()


def test_status_reading_needs_no_lock(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with lock(path), State.open(path) as st:
        st.record_digest(st.begin_run(), new_digest())
        with State.open(path) as reader:
            assert len(reader.pending_summary()) == 1
            assert reader.digests()[0]["deliveries"][0]["status"] == "pending"
