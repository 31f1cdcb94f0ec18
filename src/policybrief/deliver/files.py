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


def folder_problem(folder: Path) -> str | None:
    """Why files cannot be written into ``folder``, or None when they can be.

    An existing folder will do, and so will a new one whose parent exists (``write_atomic``
    creates that one folder); a file will not, nor a folder whose parent is missing:
    a mistyped path must not quietly grow a tree of folders.
    """
    folder = Path(folder)
    if folder.exists():
        return None if folder.is_dir() else "is a file, not a folder"
    return None if folder.parent.is_dir() else f"cannot be made: {_not_a_folder(folder.parent)}"


def file_problem(path: Path) -> str | None:
    """Why ``path`` cannot be written as a file, or None when it can be: it is a folder, or
    its folder can be neither found nor made (as for ``folder_problem``)."""
    path = Path(path)
    if path.is_dir():
        return "is a folder, not a file"
    folder = path.parent
    if folder.is_dir() or (not folder.exists() and folder.parent.is_dir()):
        return None
    return f"cannot be written: {_not_a_folder(folder if folder.exists() else folder.parent)}"


def _not_a_folder(path: Path) -> str:
    if path.exists():
        return f"{path} is a file, not a folder"
    return f"its parent folder {path} does not exist"


def make_folders(folder: Path) -> list[Path]:
    """Make ``folder`` and its missing parents; the folders made, outermost first."""
    missing = []
    probe = Path(folder)
    while not probe.exists():
        missing.append(probe)
        probe = probe.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DeliverError(f"cannot make the folder: {exc.strerror or exc}", subject=str(folder),
                           hint="check the path and the permissions of the folders above it"
                           ) from exc
    return list(reversed(missing))


def write_atomic(path: Path, text: str) -> Path:
    """Write ``text`` to ``path`` so that readers see the old file or the new one, never half.

    ``path``'s folder is created when its own parent exists, never a chain of missing ones.
    The file gets an ordinary new file's mode (0666 less the umask), not mkstemp's 0600.
    """
    path = Path(path)
    try:
        path.parent.mkdir(exist_ok=True)
    except FileNotFoundError as exc:
        raise DeliverError(
            f"cannot write: the folder {path.parent.parent} does not exist",
            subject=str(path),
            hint="create it first, or choose another path",
        ) from exc
    except OSError as exc:
        raise DeliverError(
            f"cannot write: cannot make the folder {path.parent}: {exc.strerror or exc}",
            subject=str(path),
            hint="check the path and the folder's permissions",
        ) from exc
    try:
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
