"""A long-running loop that fires a job on a cron expression, in a time zone.

- The next fire time is computed with croniter in the configured zone (so "0 7 * * 1-5"
  means 07:00 local time across DST changes) and logged.
- The wait is sliced and re-checks the wall clock, so a suspended machine or a clock step
  is noticed within ``SLICE`` seconds.
- **Coalescing:** when the job runs long, or the machine slept, several fire times may
  have passed; they become one run (for the latest of them), not a burst.
- **Misfire grace:** a run more than ``misfire_grace`` seconds late is skipped (logged),
  and the loop waits for the next fire time.
- SIGTERM and SIGINT stop the loop cleanly: between runs at once, during a run once the
  run has finished (state is kill-safe anyway, so a second signal stops at once).
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from types import FrameType
from zoneinfo import ZoneInfo

from croniter import croniter

SLICE = 30.0  # longest single sleep, so clock jumps and suspends are noticed


@dataclass(frozen=True)
class Fire:
    """One fire time and how it went."""

    due: datetime
    started: datetime
    ran: bool
    result: object = None


class Stop:
    """A stop flag that signal handlers set and the loop waits on."""

    def __init__(self) -> None:
        self.event = threading.Event()
        self.signal: int | None = None

    def set(self, signum: int | None = None) -> None:
        self.signal = signum
        self.event.set()

    def __bool__(self) -> bool:
        return self.event.is_set()

    def wait(self, seconds: float) -> bool:
        return self.event.wait(max(0.0, seconds))


@contextmanager
def stop_on_signals(stop: Stop, log: Callable[[str], None],
                    signals: tuple[int, ...] = (signal.SIGTERM, signal.SIGINT)) -> Iterator[Stop]:
    """Route SIGTERM/SIGINT to ``stop``; a second signal during a run raises SystemExit."""
    previous = {}

    def handler(signum: int, _frame: FrameType | None) -> None:
        name = signal.Signals(signum).name
        if stop:
            log(f"{name} again: stopping now")
            raise SystemExit(128 + signum)
        log(f"{name}: stopping")
        stop.set(signum)

    for sig in signals:
        previous[sig] = signal.signal(sig, handler)
    try:
        yield stop
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def next_fire(cron: str, after: datetime) -> datetime:
    return croniter(cron, after).get_next(datetime)


def latest_due(cron: str, due: datetime, now: datetime) -> datetime:
    """The latest fire time in [due, now]: fires missed in between coalesce into it."""
    if now <= due:
        return due
    latest = croniter(cron, now).get_prev(datetime)
    if next_fire(cron, latest) <= now:  # croniter's get_prev skips an exact match
        latest = next_fire(cron, latest)
    return max(due, latest)


def run_forever(cron: str, zone: ZoneInfo, job: Callable[[datetime], object], *,
                misfire_grace: float, stop: Stop, log: Callable[[str], None],
                clock: Callable[[], float] = time.time, max_runs: int | None = None
                ) -> list[Fire]:
    """Fire ``job(due)`` on ``cron`` in ``zone`` until ``stop`` is set; returns the fires.

    ``job`` should not raise; if it does, the error is logged and the loop goes on.
    """
    fires: list[Fire] = []

    def now() -> datetime:
        return datetime.fromtimestamp(clock(), zone)

    due = next_fire(cron, now())
    while not stop:
        log(f"next run at {due.isoformat(timespec='seconds')} ({zone.key})")
        while not stop:
            remaining = (due - now()).total_seconds()
            if remaining <= 0:
                break
            stop.wait(min(remaining, SLICE))
        if stop:
            break
        current = now()
        due = latest_due(cron, due, current)
        late = (current - due).total_seconds()
        if late > misfire_grace:
            log(f"skipped the run due at {due.isoformat(timespec='seconds')}: {late:.0f} s "
                f"late, more than the misfire grace of {misfire_grace:g} s")
            fires.append(Fire(due, current, ran=False))
        else:
            try:
                result = job(due)
            except Exception as exc:  # the loop outlives a failed run
                log(f"run failed: {type(exc).__name__}: {exc}")
                result = exc
            fires.append(Fire(due, current, ran=True, result=result))
            if max_runs is not None and sum(f.ran for f in fires) >= max_runs:
                break
        # the next fire after this one; if the run outlasted it, the loop coalesces
        due = next_fire(cron, due)
    log("scheduler stopped")
    return fires
