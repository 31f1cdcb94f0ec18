"""One error base class, a subclass per stage, and the process exit codes."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    ERROR = 1  # nothing done: every input failed, or the run itself failed
    USAGE = 2  # the command line was wrong
    PARTIAL = 3  # some inputs failed, the others were processed
    LOCKED = 4  # another run holds the lock


class PolicyBriefError(Exception):
    """An error the user can act on: ``subject`` names the input, ``hint`` the fix."""

    exit_code = ExitCode.ERROR

    def __init__(self, message: str, *, subject: str | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.subject = subject
        self.hint = hint

    def __str__(self) -> str:
        text = f"{self.subject}: {self.message}" if self.subject else self.message
        return f"{text} ({self.hint})" if self.hint else text


class UsageError(PolicyBriefError):
    exit_code = ExitCode.USAGE


class IngestError(PolicyBriefError):
    """An input could not be read or holds no usable text."""


class IngestWarning(IngestError):
    """An input passed over on purpose (the fetch policy refused it, a bound of the run was
    reached): said as a warning, not counted as a failure; the run goes on."""


class SegmentError(PolicyBriefError):
    """Text could not be split into articles and sentences."""


class SummariseError(PolicyBriefError):
    """A summariser failed or was asked for something it cannot do."""


class RenderError(PolicyBriefError):
    """A template failed to render."""


class DeliverError(PolicyBriefError):
    """Writing or sending the output failed."""


class ServeError(PolicyBriefError):
    """The web server could not start (the address is taken or invalid)."""


class ConfigError(PolicyBriefError):
    exit_code = ExitCode.USAGE


class StateError(PolicyBriefError):
    """The state file is corrupt, locked or unwritable."""


class LockedError(StateError):
    exit_code = ExitCode.LOCKED
