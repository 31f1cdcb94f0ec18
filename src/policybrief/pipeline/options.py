"""What a pipeline run is told (``Options``) and what a failed input becomes (``Failure``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .. import batch, ingest
from ..errors import UsageError
from ..ingest import partition
from ..models import Budget
from ..summarise import get_ranker


@dataclass(frozen=True)
class Options:
    """Everything a brief run needs, passed as one object rather than many keywords."""

    method: str = "default"
    budget: Budget = field(default_factory=Budget)
    workers: int = 1
    executor: str = "processes"  # local | processes | dask
    scheduler: str | None = None  # a Dask scheduler address, with executor="dask"
    max_bytes: int = ingest.MAX_BYTES  # per input file; per line of a JSONL file
    block_size: int = partition.BLOCK_SIZE  # dask: bytes of a JSONL file per task
    files_per_task: int = partition.FILES_PER_TASK  # dask: text files per task
    progress: bool = False  # dask: draw Dask's progress bar on stderr

    def check(self) -> Options:
        """Fail early, before any input is read, on an unknown method or executor."""
        get_ranker(self.method)
        self.batch_executor()
        if self.block_size < 1 or self.files_per_task < 1:
            raise UsageError("block_size and files_per_task must be at least 1", hint="give positive sizes")
        return self

    def batch_executor(self) -> batch.Executor:
        return batch.Executor(
            kind=self.executor, workers=self.workers, scheduler=self.scheduler, progress=self.progress
        )


@dataclass(frozen=True)
class Failure:
    """An input or article that failed, with the one line the user sees."""

    subject: str
    message: str


Warn = Callable[[str], None]  # where warnings (and the mail cycle's log lines) go


def ignore(_: str) -> None:
    """The default ``Warn``: say nothing."""
    return None

