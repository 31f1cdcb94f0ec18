"""The run lock: two runs never overlap on one state file.

``lock`` takes an ``fcntl.flock`` on ``<state>.lock`` beside the database, without waiting,
so a second run fails at once with ``LockedError``. The kernel drops the lock when the
process dies, kill -9 included.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import LockedError, StateError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


@contextmanager
def lock(state_path: Path | None) -> Iterator[None]:
    """Hold ``<state>.lock`` for the duration; a second holder fails at once (LockedError)."""
    if state_path is None or fcntl is None:
        yield
        return
    lock_path = state_path.with_name(state_path.name + ".lock")
    try:
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise StateError(f"cannot create the lock file: {exc.strerror or exc}",
                         subject=str(lock_path), hint="check the folder's permissions") from exc
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read_holder(fd)
            raise LockedError(
                f"another run is in progress{f' (pid {holder})' if holder else ''}",
                subject=str(state_path),
                hint="this run exits; the next scheduled run picks up where it left off",
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _read_holder(fd: int) -> str:
    """The pid the holder wrote, if that process is alive: the file may still hold the pid of
    a run that died, read before the new holder wrote its own."""
    try:
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:  # pragma: no cover
        return ""
    if not text.isdigit():
        return ""
    try:
        os.kill(int(text), 0)
    except ProcessLookupError:
        return ""
    except (PermissionError, OverflowError, ValueError):
        pass  # PermissionError: alive, another user's
    return text
