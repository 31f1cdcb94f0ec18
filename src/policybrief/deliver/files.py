"""Write outputs atomically: a temp file in the same folder, fsync, then rename."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..errors import DeliverError


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_atomic(path: Path, text: str) -> Path:
    """Write ``text`` to ``path`` so that readers see the old file or the new one, never half.

    The file gets an ordinary new file's mode (0666 less the umask), not mkstemp's 0600.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise DeliverError(
            f"cannot write: {exc.strerror or exc}",
            subject=str(path),
            hint="check that the folder exists and is writable",
        ) from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o666 & ~_umask())
        os.replace(temp, path)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise DeliverError(
            f"cannot write: {exc.strerror or exc}",
            subject=str(path),
            hint="check free disk space and permissions",
        ) from exc
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return path
