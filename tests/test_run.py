"""The run cycle end to end against a real SMTP server: idempotent, the outbox, the lock,
kill -9 mid-run, the commands send/init/run/status, and the received messages parsed."""

from __future__ import annotations

import email
import json
import os
import signal
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from typer.testing import CliRunner

from policybrief import __version__, mailing
from policybrief.cli import app
from policybrief.config import load
from policybrief.digest import assemble
from policybrief.errors import ExitCode, LockedError
from policybrief.mailing.lock import lock
from policybrief.mailing.state import State
from policybrief.pipeline import Options, build_briefs
from policybrief.render.digest import Links, render_digest
from smtp_server import Handler, SmtpServer, body, closed_port, parse, write_article, write_config

ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2025, 5, 1, 7, 0, tzinfo=ZoneInfo("Asia/Taipei"))
CLI = [sys.executable, "-c", "from policybrief.cli import main; main()"]


def no_sleep(_: float) -> None:
    return None


@pytest.fixture
def server():  # type: ignore[no-untyped-def]
    with SmtpServer() as s:
        yield s


@pytest.fixture
def site(tmp_path: Path, server: SmtpServer) -> Path:
    """A folder with two articles and a config pointing at the server; returns the config."""
    write_article(tmp_path / "articles", "chips")
    write_article(tmp_path / "articles", "water")
    return write_config(tmp_path, server.port)


def test_a_run_sends_the_digest_to_each_recipient_as_parsed_mime(site: Path,
                                                                 server: SmtpServer) -> None:
    config = load(site, env={})
    report = mailing.run(config, now=NOW, sleep=no_sleep)
    assert report.exit_code == ExitCode.OK and report.delivered == 2
    assert report.new_articles == 2 and report.briefs == 2
    received = server.handler.received
    assert sorted(r.rcpt_tos[0] for r in received) == ["a@example.org", "b@example.org"]
    assert all(r.mail_from == "briefs@example.org" for r in received)

    # the parts are exactly the text and HTML digests of these articles
    briefs = [b for b in build_briefs([str(site.parent / "articles")], Options(workers=1))]
    digest = assemble(briefs, title="Policy digest", method="default", generated_at=NOW,
                      version=__version__)
    msg = parse(received[0].data)
    assert msg.get_content_type() == "multipart/alternative"
    # (with the config's mailto: as the visible unsubscribe link: no server.base_url here)
    links = Links(unsubscribe_url="mailto:briefs@example.org?subject=unsubscribe")
    assert body(msg, "plain") == render_digest(digest, "txt", links=links)
    assert body(msg, "html") == render_digest(digest, "html", links=links)
    assert "Taiwan should expand its chip export controls" in body(msg, "html")
    assert msg["Subject"] == "Policy digest 1 May 2025: 2 briefs"
    assert msg["Date"] == "Thu, 01 May 2025 07:00:00 +0800"
    # a static https URL cannot tell who asked: no one-click without server.base_url
    assert msg["List-Unsubscribe-Post"] is None
    assert msg["List-Id"] == "Policy digest <policy-digest.example.org>"
    ids = {parse(r.data)["Message-ID"] for r in received}
    assert len(ids) == 2  # one per recipient


def test_runs_are_idempotent_and_pick_up_only_new_articles(site: Path,
                                                           server: SmtpServer) -> None:
    config = load(site, env={})
    assert mailing.run(config, sleep=no_sleep).delivered == 2
    second = mailing.run(config, sleep=no_sleep)
    assert second.exit_code == ExitCode.OK and second.outcomes == []
    assert second.note == "no new articles: nothing to send"
    assert len(server.handler.received) == 2

    write_article(site.parent / "articles", "schools")
    (site.parent / "articles" / "copy-of-chips.txt").write_text(
        (site.parent / "articles" / "chips.txt").read_text().upper())  # same words: same hash
    third = mailing.run(config, now=NOW, sleep=no_sleep)
    assert third.new_articles == 1 and third.delivered == 2
    latest = parse(server.handler.received[-1].data)
    assert msg_count(latest) == 1 and "Rural schools need more teachers" in body(latest, "plain")
    assert "chip export" not in body(latest, "plain")
    assert mailing.run(config, sleep=no_sleep).outcomes == []
    assert len(server.handler.received) == 4


def msg_count(msg: email.message.EmailMessage) -> int:
    return int(str(msg["Subject"]).rsplit(": ", 1)[1].split()[0])


def test_no_new_articles_no_email_unless_an_empty_note_is_asked(site: Path,
                                                               server: SmtpServer) -> None:
    config = load(site, env={})
    mailing.run(config, sleep=no_sleep)
    assert mailing.run(config, sleep=no_sleep).outcomes == []
    note = mailing.run(config, empty_note=True, now=NOW, sleep=no_sleep)
    assert note.exit_code == ExitCode.OK and note.delivered == 2
    msg = parse(server.handler.received[-1].data)
    assert msg["Subject"] == "Policy digest 1 May 2025: 0 briefs"
    assert "No new articles" in body(msg, "plain") and "No new articles" in body(msg, "html")
    again = mailing.run(config, empty_note=True, now=NOW, sleep=no_sleep)  # once a day
    assert again.outcomes == [] and len(server.handler.received) == 4


def test_outbox_is_sent_first_with_the_same_bytes(tmp_path: Path) -> None:
    write_article(tmp_path / "articles", "chips")
    down = write_config(tmp_path, closed_port())
    first = mailing.run(load(down, env={}), now=NOW, sleep=no_sleep)
    assert first.exit_code == ExitCode.ERROR and "connection refused" in str(first.error)
    with State.open(tmp_path / "state" / "policybrief.db") as st:
        stored = {d.recipient: d.message for d in st.outbox()}
    write_article(tmp_path / "articles", "water")  # a new article arrives meanwhile
    with SmtpServer() as server:
        config = load(write_config(tmp_path, server.port), env={})
        second = mailing.run(config, sleep=no_sleep)
    assert second.exit_code == ExitCode.OK and second.delivered == 4
    received = server.handler.received
    first_two = received[:2]  # the outbox goes first, byte for byte as built
    for got in first_two:
        assert got.data.rstrip(b"\r\n") == stored[got.rcpt_tos[0]].rstrip(b"\r\n")
    later = [parse(r.data) for r in received[2:]]
    assert all("Cities must prepare" in body(m, "plain") for m in later)
    assert all("chip export" not in body(m, "plain") for m in later)


def test_a_recipient_removed_while_waiting_is_not_sent(tmp_path: Path) -> None:
    write_article(tmp_path / "articles", "chips")
    mailing.run(load(write_config(tmp_path, closed_port()), env={}), sleep=no_sleep)
    with SmtpServer() as server:
        config = load(write_config(tmp_path, server.port, to=("a@example.org",)), env={})
        report = mailing.run(config, sleep=no_sleep)
    assert report.delivered == 1
    assert [r.rcpt_tos for r in server.handler.received] == [["a@example.org"]]


def test_a_second_run_while_the_lock_is_held_exits_4(site: Path, server: SmtpServer,
                                                     runner: CliRunner) -> None:
    config = load(site, env={})
    with lock(config.state):
        with pytest.raises(LockedError):
            mailing.run(config, sleep=no_sleep)
        result = runner.invoke(app, ["run", "--config", str(site)])
    assert result.exit_code == ExitCode.LOCKED == 4
    assert "another run is in progress" in result.stderr and str(config.state) in result.stderr
    assert server.handler.received == []


def test_overlapping_cli_runs_the_second_exits_4_at_once(site: Path, server: SmtpServer) -> None:
    # the server holds the first run's DATA while the second starts: a client that timed out
    # there would rightly call the outcome unknown (and not retry), so give it time
    write_config(site.parent, server.port, timeout=60)
    server.handler.hold = True
    first = subprocess.Popen([*CLI, "run", "--config", str(site)], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    try:
        assert server.handler.holding.wait(30), "the first run never reached DATA"
        second = subprocess.run([*CLI, "run", "--config", str(site)], capture_output=True,
                                text=True, timeout=30)
        assert second.returncode == 4, second.stderr
        assert "another run is in progress" in second.stderr
        assert "Traceback" not in second.stderr
        server.handler.release.set()
        _out, err = first.communicate(timeout=30)
        assert first.returncode == 0, err
    finally:
        if first.poll() is None:
            first.kill()
            first.communicate()
    assert len(server.handler.received) == 2


def test_kill_9_mid_run_then_rerun_loses_nothing_and_repeats_nothing(
        site: Path, server: SmtpServer) -> None:
    write_config(site.parent, server.port, timeout=60)  # killed, not timed out, under load
    server.handler.hold = True  # DATA waits: the run is mid-send when it is killed
    victim = subprocess.Popen([*CLI, "run", "--config", str(site)], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        assert server.handler.holding.wait(30), "the run never reached DATA"
        os.kill(victim.pid, signal.SIGKILL)
        assert victim.wait(30) == -signal.SIGKILL
    finally:
        if victim.poll() is None:
            victim.kill()
            victim.wait()
    server.handler.hold = False
    state_path = site.parent / "state" / "policybrief.db"
    with State.open(state_path) as st:
        statuses = sorted(d["status"] for d in st.digests()[0]["deliveries"])
    assert statuses == ["pending", "sending"]  # killed between 'sending' and the 250
    assert server.handler.received == []

    rerun = subprocess.run([*CLI, "run", "--config", str(site)], capture_output=True,
                           text=True, timeout=60)
    assert rerun.returncode == 0, rerun.stderr
    assert "interrupted while sending" in rerun.stderr
    received = server.handler.received
    assert sorted(r.rcpt_tos[0] for r in received) == ["a@example.org", "b@example.org"]
    again = subprocess.run([*CLI, "run", "--config", str(site)], capture_output=True,
                           text=True, timeout=60)
    assert again.returncode == 0 and len(server.handler.received) == 2
    with State.open(state_path) as st:
        runs = st.runs()
        assert [r["status"] for r in runs] == ["nothing", "ok", "killed"]
        assert len(st.digests()) == 1  # not rebuilt


def test_kill_after_the_server_accepted_resends_with_the_same_message_id(
        site: Path, server: SmtpServer, monkeypatch: pytest.MonkeyPatch) -> None:
    """The documented trade-off: at-least-once in the one window, deduplicable."""
    config = load(site, env={})
    original = State.set_status

    def killed_before_commit(self: State, delivery_id: int, status: str, answer: str | None
                             ) -> None:
        if status == "delivered":
            raise KeyboardInterrupt  # stands in for kill -9 after the 250, before the commit
        original(self, delivery_id, status, answer)

    monkeypatch.setattr(State, "set_status", killed_before_commit)
    with pytest.raises(KeyboardInterrupt):
        mailing.run(config, sleep=no_sleep)
    monkeypatch.setattr(State, "set_status", original)
    report = mailing.run(config, sleep=no_sleep)
    assert report.delivered == 2
    to_a = [parse(r.data) for r in server.handler.for_recipient("a@example.org")]
    assert len(to_a) == 2 and to_a[0]["Message-ID"] == to_a[1]["Message-ID"]
    assert len(server.handler.for_recipient("b@example.org")) == 1


def test_every_source_failing_is_an_error_but_the_outbox_still_goes(tmp_path: Path) -> None:
    write_article(tmp_path / "articles", "chips")
    mailing.run(load(write_config(tmp_path, closed_port()), env={}), sleep=no_sleep)
    for f in (tmp_path / "articles").iterdir():
        f.unlink()
    with SmtpServer() as server:
        report = mailing.run(load(write_config(tmp_path, server.port), env={}), sleep=no_sleep)
    assert report.delivered == 2
    assert report.error is not None and "no source could be read" in str(report.error)
    assert report.exit_code == ExitCode.PARTIAL


# --- the commands -------------------------------------------------------------------------

def test_cli_run_and_status(site: Path, server: SmtpServer, runner: CliRunner) -> None:
    result = runner.invoke(app, ["run", "--config", str(site)])
    assert result.exit_code == 0, result.output
    assert "delivered: digest 1 to a@example.org" in result.stdout
    status = runner.invoke(app, ["status", "--config", str(site)])
    assert status.exit_code == 0
    assert "outbox: 0 waiting" in status.stdout and "delivered a@example.org" in status.stdout
    data = json.loads(runner.invoke(app, ["status", "--config", str(site), "--json"]).stdout)
    assert data["runs"][0]["status"] == "ok" and data["outbox"] == []
    assert {d["recipient"]: d["status"] for d in data["digests"][0]["deliveries"]} == {
        "a@example.org": "delivered", "b@example.org": "delivered"}
    assert data["next_scheduled"].endswith("+08:00")


def test_cli_exit_codes_3_and_1(tmp_path: Path, runner: CliRunner) -> None:
    write_article(tmp_path / "articles", "chips")
    handler = Handler(rcpt_replies={"a@example.org": ["550 5.1.1 No such user"]})
    with SmtpServer(handler=handler) as server:
        result = runner.invoke(app, ["run", "--config", str(write_config(tmp_path, server.port))])
    assert result.exit_code == ExitCode.PARTIAL
    assert "FAILED: digest 1 to a@example.org: 550 5.1.1 No such user" in result.stdout
    write_article(tmp_path / "articles", "water")
    result = runner.invoke(app, ["run", "--config", str(write_config(tmp_path, closed_port()))])
    assert result.exit_code == ExitCode.ERROR
    assert "connection refused" in result.stderr and "Traceback" not in result.output
    pending = runner.invoke(app, ["status", "--config", str(tmp_path / "policybrief.toml")])
    assert "outbox: 2 waiting" in pending.stdout


def test_cli_bad_config_exits_2_naming_the_key(tmp_path: Path, runner: CliRunner) -> None:
    path = tmp_path / "policybrief.toml"
    path.write_text("[smtp]\nport = 'x'\n")
    result = runner.invoke(app, ["run", "--config", str(path)])
    assert result.exit_code == ExitCode.USAGE and "smtp.port" in result.stderr


def test_cli_corrupt_state_is_one_line(site: Path, runner: CliRunner) -> None:
    state = site.parent / "state" / "policybrief.db"
    state.parent.mkdir(parents=True)
    state.write_bytes(b"garbage" * 1000)
    result = runner.invoke(app, ["run", "--config", str(site)])
    assert result.exit_code == ExitCode.ERROR
    [line] = result.stderr.strip().splitlines()
    assert str(state) in line and "corrupt" in line and "move it aside" in line


def test_send_mails_the_paths(tmp_path: Path, server: SmtpServer, runner: CliRunner) -> None:
    article = write_article(tmp_path / "in", "ports")
    args = ["send", str(article), "--to", "x@example.org", "--to", "y@example.org",
            "--from", "Briefs <briefs@example.org>", "--subject", "Ports {count}",
            "--smtp-host", "127.0.0.1", "--smtp-port", str(server.port),
            "--smtp-security", "none"]
    result = runner.invoke(app, args, env={"POLICYBRIEF_SMTP_HOST": "ignored.example.org"})
    assert result.exit_code == 0, result.output
    assert [parse(r.data)["Subject"] for r in server.handler.received] == ["Ports 1"] * 2
    with_state = [*args, "--state", str(tmp_path / "s.db")]
    assert runner.invoke(app, with_state).exit_code == 0
    assert runner.invoke(app, with_state).exit_code == 0  # nothing new: nothing sent
    assert len(server.handler.received) == 4


def test_send_dry_run_writes_one_eml_per_recipient(tmp_path: Path, runner: CliRunner) -> None:
    article = write_article(tmp_path / "in", "ports")
    out = tmp_path / "out"
    result = runner.invoke(app, ["send", str(article), "--to", "x@example.org", "--to",
                                 "Ÿ <y@example.org>", "--from", "briefs@example.org",
                                 "--dry-run", str(out), "--smtp-port", str(closed_port())])
    assert result.exit_code == 0, result.output
    files = sorted(out.glob("*.eml"))
    assert [f.name for f in files] == ["01-x@example.org.eml", "02-y@example.org.eml"]
    msg = parse(files[1].read_bytes())
    assert msg["To"].addresses[0].addr_spec == "y@example.org"
    assert "Harbour automation" in body(msg, "html")


def test_send_needs_to_and_from(runner: CliRunner) -> None:
    result = runner.invoke(app, ["send", "x.txt", "--from", "a@example.org"])
    assert result.exit_code == 2 and "--to" in result.output


def test_password_is_not_a_flag(runner: CliRunner) -> None:
    result = runner.invoke(app, ["send", "--help"])
    assert "--smtp-password" not in result.stdout
    assert "POLICYBRIEF_SMTP_PASSWORD" in "".join(result.stdout.split())


@pytest.mark.parametrize("command", ["send", "init", "run", "schedule", "status", "serve",
                                     "subscribe", "unsubscribe"])
def test_every_command_has_help_with_an_example(command: str, runner: CliRunner) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Examples:" in result.stdout and f"policybrief {command}" in result.stdout


def test_send_without_a_state_file_does_not_promise_an_outbox(
    tmp_path: Path, server: SmtpServer, runner: CliRunner
) -> None:
    server.handler.rcpt_replies["y@example.org"] = ["550 5.1.1 no such user"]
    article = write_article(tmp_path / "in", "ports")
    result = runner.invoke(app, ["send", str(article), "--to", "x@example.org", "--to",
                                 "y@example.org", "--from", "briefs@example.org",
                                 "--smtp-host", "127.0.0.1", "--smtp-port", str(server.port),
                                 "--smtp-security", "none"])
    assert result.exit_code != 0
    assert [r.rcpt_tos for r in server.handler.received] == [["x@example.org"]]
    lines = result.stderr.strip().splitlines()
    assert "1 of 2 deliveries failed" in lines[-1] and "--state" in lines[-1]
    assert not any("outbox" in line for line in lines)


def test_send_of_unreadable_paths_names_the_paths_not_a_config(
    tmp_path: Path, runner: CliRunner
) -> None:
    result = runner.invoke(app, ["send", str(tmp_path / "missing.txt"), "--to", "x@example.org",
                                 "--from", "briefs@example.org", "--smtp-port",
                                 str(closed_port())])
    assert result.exit_code != 0
    line = result.stderr.strip().splitlines()[-1]
    assert "missing.txt" in line and "config" not in line


def test_a_run_marks_a_story_that_continues_one_already_sent_as_an_update(
        site: Path, server: SmtpServer) -> None:
    """What's new (issue 18) in scheduled runs: the state file keeps each digest's JSON; the
    next run's story continuing one of it is an update, the first digest has none."""
    config = load(site, env={})
    assert mailing.run(config, now=NOW, sleep=no_sleep).delivered == 2
    first = body(parse(server.handler.received[-1].data), "plain")
    assert "(update)" not in first and "since the last digest" not in first
    (site.parent / "articles" / "chips-follow-up.txt").write_text(
        "Taiwan's chip export controls take effect\n\n"
        "Taiwan's new rules for chip exports took effect on Friday. The export controls cover "
        "advanced semiconductors sold to foreign buyers, the government said.\n\n"
        "Critics again argued that the chip export measures could hurt trade with neighbours.\n",
        encoding="utf-8")
    report = mailing.run(config, now=NOW, sleep=no_sleep)
    assert report.new_articles == 1 and report.delivered == 2
    latest = body(parse(server.handler.received[-1].data), "plain")
    assert "(update)" in latest and "1 new article since the last digest" in latest
    with State.open(site.parent / "state" / "policybrief.db") as state:
        stored = [json.loads(row["json"]) for row in state.conn.execute(
            "SELECT json FROM digests ORDER BY id")]
    assert [len(d["briefs"]) for d in stored] == [2, 1]
    assert stored[1]["stories"][0]["update"]
