"""The scheduler: an every-second cron for a few real seconds, coalescing and the misfire
grace on a fake clock, and `policybrief schedule` stopped by SIGTERM/SIGINT."""

from __future__ import annotations

import itertools
import signal
import subprocess
import sys
import threading
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from policybrief.mailing.schedule import Stop, latest_due, run_forever
from smtp_server import SmtpServer, write_article, write_config

ZONE = ZoneInfo("Asia/Taipei")
EVERY_SECOND = "* * * * * *"  # croniter's sixth field: seconds


def test_every_second_for_a_few_seconds() -> None:
    stop, fired, lines = Stop(), [], []
    started = []

    def job(due: datetime) -> None:
        fired.append(due)
        started.append(time.time())

    timer = threading.Timer(3.3, stop.set)
    timer.start()
    try:
        run_forever(EVERY_SECOND, ZONE, job, misfire_grace=5, stop=stop, log=lines.append)
    finally:
        timer.cancel()
    assert 2 <= len(fired) <= 4
    assert all(d.microsecond == 0 and d.tzinfo == ZONE for d in fired)
    assert all((b - a).total_seconds() == 1 for a, b in itertools.pairwise(fired))
    assert all(0 <= s - d.timestamp() < 0.9 for s, d in zip(started, fired, strict=True))
    assert lines[0].startswith("next run at ") and "+08:00 (Asia/Taipei)" in lines[0]
    assert lines[-1] == "scheduler stopped"


def test_a_slow_run_coalesces_the_fires_it_overran() -> None:
    stop, fired, when = Stop(), [], []

    def job(due: datetime) -> None:
        fired.append(due)
        when.append(time.time())
        if len(fired) == 1:
            time.sleep(2.2)  # overruns two fire times

    run_forever(EVERY_SECOND, ZONE, job, misfire_grace=5, stop=stop, log=lambda _: None,
                max_runs=3)
    gaps = [(b - a).total_seconds() for a, b in itertools.pairwise(fired)]
    assert gaps[0] >= 2  # the overrun fires became one run, for the latest of them
    assert when[1] - when[0] >= 2.2 and when[2] - when[1] > 0.3  # no burst afterwards


class FakeStop(Stop):
    """A stop whose waiting moves a fake clock instead of sleeping."""

    def __init__(self, clock: list[float]) -> None:
        super().__init__()
        self.clock = clock

    def wait(self, seconds: float) -> bool:
        self.clock[0] += max(0.0, seconds)
        return bool(self)


def test_missed_fires_after_a_suspend_coalesce_into_one_run() -> None:
    clock = [datetime(2025, 5, 1, 10, 0, 30, tzinfo=ZONE).timestamp()]
    fired: list[datetime] = []

    def job(due: datetime) -> None:
        fired.append(due)
        if len(fired) == 1:
            clock[0] += 3600  # the machine slept for an hour: 60 fire times missed

    run_forever("* * * * *", ZONE, job, misfire_grace=600, stop=FakeStop(clock),
                log=lambda _: None, clock=lambda: clock[0], max_runs=3)
    assert [d.strftime("%H:%M") for d in fired] == ["10:01", "11:01", "11:02"]


def test_a_run_later_than_the_misfire_grace_is_skipped() -> None:
    clock = [datetime(2025, 5, 1, 10, 0, 30, tzinfo=ZONE).timestamp()]
    fired: list[datetime] = []
    lines: list[str] = []

    def job(due: datetime) -> None:
        fired.append(due)
        if len(fired) == 1:
            clock[0] += 3630  # back 30 s after 11:01

    fires = run_forever("* * * * *", ZONE, job, misfire_grace=10, stop=FakeStop(clock),
                        log=lines.append, clock=lambda: clock[0], max_runs=2)
    assert [(f.due.strftime("%H:%M"), f.ran) for f in fires] == \
        [("10:01", True), ("11:01", False), ("11:02", True)]
    assert any("skipped the run due at 2025-05-01T11:01:00+08:00: 30 s late" in ln
               for ln in lines)


def test_a_failing_job_does_not_stop_the_loop() -> None:
    clock = [datetime(2025, 5, 1, 10, 0, 30, tzinfo=ZONE).timestamp()]
    lines: list[str] = []

    def job(due: datetime) -> None:
        raise RuntimeError("boom")

    fires = run_forever("* * * * *", ZONE, job, misfire_grace=10, stop=FakeStop(clock),
                        log=lines.append, clock=lambda: clock[0], max_runs=2)
    assert len(fires) == 2 and "run failed: RuntimeError: boom" in lines


def test_latest_due_handles_an_exact_fire_time() -> None:
    due = datetime(2025, 5, 1, 10, 0, 5, tzinfo=ZONE)
    exact = datetime(2025, 5, 1, 10, 0, 9, tzinfo=ZONE)
    assert latest_due(EVERY_SECOND, due, exact) == exact
    assert latest_due(EVERY_SECOND, due, exact.replace(microsecond=400000)) == exact
    assert latest_due(EVERY_SECOND, due, due.replace(second=4)) == due


def test_local_time_across_daylight_saving() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    from policybrief.mailing.schedule import next_fire

    before = datetime(2025, 3, 29, 6, 0, tzinfo=berlin)  # CET, the day before the change
    first = next_fire("0 7 * * *", before)
    second = next_fire("0 7 * * *", first)
    assert (first.hour, second.hour) == (7, 7)
    assert first.utcoffset() != second.utcoffset()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_cli_schedule_runs_each_second_and_stops_cleanly(tmp_path: Path, signum: int) -> None:
    write_article(tmp_path / "articles", "chips")
    with SmtpServer() as server:
        config = write_config(tmp_path, server.port, cron=EVERY_SECOND)
        proc = subprocess.Popen(
            [sys.executable, "-c", "from policybrief.cli import main; main()", "schedule",
             "--config", str(config)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True)
        lines: list[str] = []
        reader = threading.Thread(target=lambda: lines.extend(iter(proc.stderr.readline, "")),
                                  daemon=True)  # type: ignore[union-attr]
        reader.start()
        try:
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and sum("run finished" in ln for ln in lines) < 2:
                time.sleep(0.1)
            proc.send_signal(signum)
            assert proc.wait(20) == 0
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            reader.join(5)
            assert proc.stdout is not None and proc.stderr is not None
            proc.stdout.close()
            proc.stderr.close()
    text = "".join(lines)
    assert "Traceback" not in text, text
    assert "next run at" in text and "scheduler stopped" in text
    assert f"{signal.Signals(signum).name}: stopping" in text
    assert sum("run finished" in ln for ln in lines) >= 2
    # the first fire sent the digest; the later ones found nothing new
    assert sorted(r.rcpt_tos[0] for r in server.handler.received) == \
        ["a@example.org", "b@example.org"]
