"""The configuration's values: frozen dataclasses, one a section, and a ``Secret``."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from ..errors import ConfigError
from ..models import DEFAULT_SENTENCES


class Secret:
    """A string that is never shown: repr and str give '***'; ``reveal()`` gives the value."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __bool__(self) -> bool:
        return bool(self._value)

    def __repr__(self) -> str:
        return "Secret('***')"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)


@dataclass(frozen=True)
class SmtpConfig:
    host: str = "localhost"
    port: int = 587
    security: str = "starttls"
    user: str = ""
    password: Secret = field(default_factory=lambda: Secret(""), repr=False, compare=False)
    cafile: Path | None = None
    timeout: float = 30.0
    retries: int = 3
    backoff: float = 2.0
    deadline: float = 600.0  # seconds of delivery in one run

    @property
    def address(self) -> str:
        """host:port, as every SMTP error names the server."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}"


@dataclass(frozen=True)
class EmailConfig:
    sender: str = ""
    to: tuple[str, ...] = ()
    subject: str = "{title} {date}: {count} briefs"
    unsubscribe: tuple[str, ...] = ()
    list_id: str = ""
    empty_note: bool = False


@dataclass(frozen=True)
class WebConfig:
    """The fetch policy's extra hosts and the bounds of a run's web work."""

    allow_hosts: tuple[str, ...] = ()
    max_entries: int = 50
    max_pages: int = 500
    deadline: float = 600.0
    parallel: int = 4


@dataclass(frozen=True)
class ScheduleConfig:
    cron: str = "0 7 * * 1-5"
    timezone: str = "UTC"
    misfire_grace: float = 3600.0

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


@dataclass(frozen=True)
class DigestConfig:
    title: str = "Policy digest"
    sentences: int = DEFAULT_SENTENCES
    method: str = "default"
    workers: int = 1
    executor: str = "processes"  # local | processes | dask
    scheduler: str = ""  # a Dask scheduler address; empty: a local cluster


@dataclass(frozen=True)
class ServerConfig:
    """Where ``policybrief serve`` listens and the public URL the emails link to."""

    base_url: str = ""  # e.g. "https://briefs.example.org" (no trailing slash); empty: no links
    listen: str = "127.0.0.1:8025"

    @property
    def host_port(self) -> tuple[str, int]:
        host, _, port = self.listen.rpartition(":")
        return host.strip("[]"), int(port)

    @property
    def one_click(self) -> bool:
        """RFC 8058 one-click unsubscribe is offered only over https."""
        return self.base_url.lower().startswith("https://")


@dataclass(frozen=True)
class DkimConfig:
    """DKIM signing: all three set, or none (the relay may sign instead)."""

    selector: str = ""
    domain: str = ""
    key_file: Path | None = None

    @property
    def enabled(self) -> bool:
        return bool(self.selector)


@dataclass(frozen=True)
class Config:
    """The whole validated configuration. ``path`` is the user's file, if one was read."""

    sources: tuple[str, ...] = ()
    state: Path | None = None
    email: EmailConfig = field(default_factory=EmailConfig)
    smtp: SmtpConfig = field(default_factory=SmtpConfig)
    web: WebConfig = field(default_factory=WebConfig)
    schedule: ScheduleConfig = field(default_factory=ScheduleConfig)
    digest: DigestConfig = field(default_factory=DigestConfig)
    server: ServerConfig = field(default_factory=ServerConfig)
    dkim: DkimConfig = field(default_factory=DkimConfig)
    path: Path | None = None
    # signs the per-recipient unsubscribe links; only from POLICYBRIEF_SECRET
    secret: Secret = field(default_factory=lambda: Secret(""), repr=False, compare=False)

    @property
    def label(self) -> str:
        return str(self.path) if self.path else "the configuration"

    def require_mail(self) -> Config:
        """Fail unless what a mail run needs (sources, sender, recipients) is set."""
        if not self.sources:
            raise ConfigError("sources is empty", subject=self.label, hint=self._where(
                "PATH...", 'sources = ["articles/"]'))
        if not self.email.sender:
            raise ConfigError("email.from is empty", subject=self.label, hint=self._where(
                "--from ADDRESS", 'from = "Briefing <briefs@example.org>"'))
        if not self.email.to:
            raise ConfigError("email.to is empty", subject=self.label, hint=self._where(
                "--to ADDRESS", 'to = ["reader@example.org"]'))
        self.require_secret()
        return self

    def _where(self, flag: str, example: str) -> str:
        if self.path:
            return f"set it in {self.path}, e.g. {example}"
        return f"give {flag} on the command line"

    def require_secret(self) -> Config:
        """Fail when links must be signed (``server.base_url`` is set) but there is no secret."""
        if self.server.base_url and len(self.secret.reveal()) < 16:
            problem = "is not set" if not self.secret else "is shorter than 16 characters"
            raise ConfigError(
                f"server.base_url is set but POLICYBRIEF_SECRET {problem}",
                subject=self.label,
                hint="export POLICYBRIEF_SECRET=\"$(python3 -c 'import secrets; "
                "print(secrets.token_urlsafe(32))')\" (the same value for run and serve)",
            )
        return self

