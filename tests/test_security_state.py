"""The state file and the SMTP side of hostile or odd conditions: nothing is ever re-sent
because the state vanished, a lock message never names a dead process, and delivery has a
per-run deadline. Real SQLite files, a real SMTP server (aiosmtpd) on 127.0.0.1."""

from __future__ import annotations

import fcntl
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policybrief import mailing
from policybrief.cli import app
from policybrief.config import load
from policybrief.errors import ExitCode, LockedError, StateError
from policybrief.mailing.lock import lock
from policybrief.mailing.state import State
from smtp_server import SmtpServer, write_article, write_config


def config_with_one_article(tmp_path: Path, port: int, **kwargs: object) -> Path:
    write_article(tmp_path / "articles", "schools")
    return write_config(tmp_path, port, **kwargs)  # type: ignore[arg-type]


def test_an_emptied_state_file_is_refused_and_nothing_is_sent_again(tmp_path: Path) -> None:
    with SmtpServer() as server:
        path = config_with_one_article(tmp_path, server.port, to=("a@example.org",))
        config = load(path)
        assert mailing.run(config).delivered == 1
        assert config.state is not None
        for sidecar in (config.state.with_name(config.state.name + s) for s in ("-wal", "-shm")):
            sidecar.unlink(missing_ok=True)
        config.state.write_bytes(b"")  # truncated by a careless backup script
        result = CliRunner().invoke(app, ["run", "--config", str(path)])
        assert result.exit_code == int(ExitCode.ERROR), result.output
        assert "is empty (0 bytes)" in result.stderr and "Traceback" not in result.stderr
        assert len(server.handler.received) == 1  # nothing was mailed a second time
        assert config.state.stat().st_size == 0  # and nothing was written over it


def test_a_foreign_database_at_the_state_path_is_refused(tmp_path: Path) -> None:
    foreign = tmp_path / "app.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    conn.close()
    with pytest.raises(StateError, match=r"not policybrief's .*customers"):
        State.open(foreign)
    with sqlite3.connect(foreign) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    conn.close()
    assert tables == {"customers"}
    (tmp_path / "notes.db").write_text("not a database at all\n" * 100)
    with pytest.raises(StateError):
        State.open(tmp_path / "notes.db")


def test_a_new_state_file_is_made_only_where_none_exists(tmp_path: Path) -> None:
    path = tmp_path / "fresh" / "state.db"
    State.open(path).close()
    assert path.stat().st_size > 0
    State.open(path).close()  # and it opens again


def test_the_lock_message_never_names_a_dead_process(tmp_path: Path) -> None:
    state = tmp_path / "state.db"
    lock_path = tmp_path / "state.db.lock"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    lock_path.write_text(f"{dead}\n")  # left by a run that died; the new holder not yet written
    fd = os.open(lock_path, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(LockedError) as caught, lock(state):
            pass
        assert "another run is in progress" in str(caught.value)
        assert dead not in str(caught.value)
    finally:
        os.close(fd)


def test_delivery_stops_at_the_run_deadline_and_keeps_the_rest(tmp_path: Path) -> None:
    with SmtpServer() as server:
        server.handler.data_delay = 1.2
        path = config_with_one_article(tmp_path, server.port, to=("a@example.org", "b@example.org"),
                                       smtp_extra="deadline = 1")
        config = load(path)
        logged: list[str] = []
        report = mailing.run(config, log=logged.append)
        assert [o.status for o in report.outcomes] == ["delivered", "pending"]
        assert "time for delivery (1 s) is up" in report.outcomes[1].answer
        assert any("raise smtp.deadline" in line for line in logged)
        server.handler.data_delay = 0
        again = mailing.run(config)  # the next run sends what waited, once
        assert [o.status for o in again.outcomes] == ["delivered"]
        assert sorted(r.rcpt_tos[0] for r in server.handler.received) == [
            "a@example.org", "b@example.org"]
