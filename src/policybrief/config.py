"""Configuration: packaged commented defaults, then the user's TOML file, then the environment.

Values are validated here, at the boundary: an unknown key or a bad value is a
``ConfigError`` naming the key (``smtp.port``) and the file. The SMTP password comes only
from ``POLICYBRIEF_SMTP_PASSWORD`` and lives in a ``Secret`` that never shows in a repr,
a log line or a traceback.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.utils import getaddresses
from importlib import resources
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from croniter import croniter

from .errors import ConfigError

CONFIG_NAME = "policybrief.toml"
SECURITY = ("none", "starttls", "ssl")
PASSWORD_ENV = "POLICYBRIEF_SMTP_PASSWORD"
ENV_OVERRIDES = {  # env var → (section, key)
    "POLICYBRIEF_SMTP_HOST": ("smtp", "host"),
    "POLICYBRIEF_SMTP_PORT": ("smtp", "port"),
    "POLICYBRIEF_SMTP_USER": ("smtp", "user"),
    "POLICYBRIEF_SMTP_SECURITY": ("smtp", "security"),
}
LOOPBACK = frozenset({"localhost", "127.0.0.1", "::1"})
SUBJECT_SAMPLE = {"date": "7 March 2025", "count": 3, "title": "Policy digest"}
HOST_RE = re.compile(r"^[A-Za-z0-9._:\-\[\]]+$")


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
    sentences: int = 3
    method: str = "default"
    workers: int = 1
    executor: str = "processes"  # local | processes | dask
    scheduler: str = ""  # a Dask scheduler address; empty: a local cluster


@dataclass(frozen=True)
class Config:
    """The whole validated configuration. ``path`` is the user's file, if one was read."""

    sources: tuple[str, ...] = ()
    state: Path | None = None
    email: EmailConfig = field(default_factory=EmailConfig)
    smtp: SmtpConfig = field(default_factory=SmtpConfig)
    schedule: ScheduleConfig = field(default_factory=ScheduleConfig)
    digest: DigestConfig = field(default_factory=DigestConfig)
    path: Path | None = None

    @property
    def label(self) -> str:
        return str(self.path) if self.path else "the configuration"

    def require_mail(self) -> Config:
        """Fail unless what a mail run needs (sources, sender, recipients) is set."""
        where = f"set it in {self.path}" if self.path else "give it on the command line"
        if not self.sources:
            raise ConfigError(
                "sources is empty", subject=self.label, hint=f'{where}, e.g. sources = ["articles/"]'
            )
        if not self.email.sender:
            raise ConfigError(
                "email.from is empty",
                subject=self.label,
                hint=f'{where}, e.g. from = "Briefing <briefs@example.org>"',
            )
        if not self.email.to:
            raise ConfigError(
                "email.to is empty", subject=self.label, hint=f'{where}, e.g. to = ["reader@example.org"]'
            )
        return self


# --- loading ------------------------------------------------------------------------------


def default_text() -> str:
    """The packaged, commented defaults: also what ``policybrief init`` writes."""
    return resources.files("policybrief").joinpath("data", CONFIG_NAME).read_text("utf-8")


def _defaults() -> dict[str, Any]:
    return tomllib.loads(default_text())


def _merge(base: dict[str, Any], override: Mapping[str, Any], label: str, prefix: str = "") -> dict[str, Any]:
    """``override`` over ``base``; a key that ``base`` lacks is unknown, and rejected."""
    merged = dict(base)
    for key, value in override.items():
        name = f"{prefix}{key}"
        if key not in base:
            known = ", ".join(f"{prefix}{k}" for k in base)
            raise ConfigError(f"unknown key {name!r}", subject=label, hint=f"known keys here: {known}")
        if isinstance(base[key], dict):
            if not isinstance(value, dict):
                raise ConfigError(f"{name} must be a table ([{name}])", subject=label)
            merged[key] = _merge(base[key], value, label, f"{name}.")
        elif isinstance(value, dict):
            raise ConfigError(f"{name} must be a value, not a table", subject=label)
        else:
            merged[key] = value
    return merged


def read_file(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError as exc:
        raise ConfigError(
            "no such config file", subject=str(path), hint="create one with 'policybrief init'"
        ) from exc
    except OSError as exc:
        raise ConfigError(
            f"cannot read: {exc.strerror or exc}",
            subject=str(path),
            hint="check the path and its permissions",
        ) from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            f"not valid TOML: {exc}",
            subject=str(path),
            hint="fix the syntax; 'policybrief init' writes a commented example",
        ) from exc
    except UnicodeDecodeError as exc:
        raise ConfigError("not UTF-8", subject=str(path), hint="save it as UTF-8") from exc


def load(
    path: str | Path | None = None,
    *,
    env: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> Config:
    """Defaults, then the file at ``path`` (if given), then ``env``, then ``overrides``.

    ``overrides`` is a nested mapping like the file's (what command-line flags set);
    ``env`` defaults to ``os.environ``.
    """
    env = os.environ if env is None else env
    data = _defaults()
    config_path = None
    if path is not None:
        config_path = Path(path).expanduser().resolve()
        data = _merge(data, read_file(config_path), str(config_path))
    label = str(config_path) if config_path else "the configuration"
    env_data: dict[str, dict[str, Any]] = {}
    for var, (section, key) in ENV_OVERRIDES.items():
        if env.get(var, "") != "":
            raw: Any = env[var]
            if key == "port":
                try:
                    raw = int(raw)
                except ValueError:
                    raise ConfigError(
                        f"{var} must be a port number, not {env[var]!r}", hint="e.g. 587"
                    ) from None
            env_data.setdefault(section, {})[key] = raw
    data = _merge(data, env_data, "the environment")
    if overrides:
        data = _merge(data, overrides, "the command line")
    base = config_path.parent if config_path else Path.cwd()
    return _build(data, base, label, Secret(env.get(PASSWORD_ENV, "")), config_path)


# --- validation ---------------------------------------------------------------------------


class _Checker:
    def __init__(self, label: str) -> None:
        self.label = label

    def error(self, key: str, message: str, hint: str | None = None) -> ConfigError:
        return ConfigError(f"{key}: {message}", subject=self.label, hint=hint)

    def string(self, key: str, value: Any, *, single_line: bool = True) -> str:
        if not isinstance(value, str):
            raise self.error(key, f"must be a string, not {_type(value)}")
        if single_line and any(c in value for c in "\r\n\x00"):
            raise self.error(key, "must be one line")
        return value

    def strings(self, key: str, value: Any) -> tuple[str, ...]:
        if isinstance(value, str):
            value = [value] if value else []
        if not isinstance(value, list):
            raise self.error(key, f"must be a list of strings, not {_type(value)}")
        return tuple(self.string(f"{key}[{i}]", v) for i, v in enumerate(value))

    def integer(self, key: str, value: Any, low: int, high: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.error(key, f"must be a whole number, not {_type(value)}")
        if not low <= value <= high:
            raise self.error(key, f"must be between {low} and {high}, not {value}")
        return value

    def number(self, key: str, value: Any, low: float, high: float) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.error(key, f"must be a number, not {_type(value)}")
        if not low <= value <= high:
            raise self.error(key, f"must be between {low:g} and {high:g}, not {value}")
        return float(value)

    def boolean(self, key: str, value: Any) -> bool:
        if not isinstance(value, bool):
            raise self.error(key, f"must be true or false, not {_type(value)}")
        return value

    def address(self, key: str, value: str) -> str:
        """One mail address, with or without a display name."""
        pairs = getaddresses([value])
        if (
            len(pairs) != 1
            or "@" not in pairs[0][1]
            or pairs[0][1].startswith("@")
            or pairs[0][1].endswith("@")
        ):
            raise self.error(
                key,
                f"{value!r} is not one mail address",
                hint='e.g. "Briefing <briefs@example.org>" or reader@example.org',
            )
        if not pairs[0][1].isascii():
            raise self.error(
                key,
                f"{value!r}: the address itself must be ASCII",
                hint="a display name may hold any characters",
            )
        return value.strip()


def _type(value: Any) -> str:
    return {
        bool: "true/false",
        int: "a number",
        float: "a number",
        str: "a string",
        list: "a list",
        dict: "a table",
    }.get(type(value), type(value).__name__)


def _path(raw: str, base: Path) -> Path:
    return (base / Path(raw).expanduser()).resolve()


def _source(raw: str, base: Path) -> str:
    if re.match(r"^[a-z][a-z0-9+.-]*://", raw, re.IGNORECASE) or raw == "-":
        return raw  # URLs and feeds, once web ingest exists
    return str(_path(raw, base))


def _build(
    data: dict[str, Any], base: Path, label: str, password: Secret, config_path: Path | None
) -> Config:
    c = _Checker(label)
    sources = tuple(_source(s, base) for s in c.strings("sources", data["sources"]) if s)
    state_raw = c.string("state", data["state"])
    state = _path(state_raw, base) if state_raw else None

    e = data["email"]
    sender = c.string("email.from", e["from"])
    if sender:
        c.address("email.from", sender)
    to = tuple(c.address(f"email.to[{i}]", a) for i, a in enumerate(c.strings("email.to", e["to"])))
    lowered = [a.lower() for a in to]
    if len(set(lowered)) != len(lowered):
        raise c.error("email.to", "lists a recipient twice")
    subject = c.string("email.subject", e["subject"])
    try:
        subject.format_map(SUBJECT_SAMPLE)
    except (KeyError, ValueError, IndexError, AttributeError) as exc:
        raise c.error(
            "email.subject",
            f"bad template {subject!r} ({exc})",
            hint="use {date}, {count} and {title}; write {{ and }} for braces",
        ) from None
    unsubscribe = c.strings("email.unsubscribe", e["unsubscribe"])
    for i, uri in enumerate(unsubscribe):
        if not re.match(r"^(mailto:\S+@\S+|https?://\S+)$", uri):
            raise c.error(
                f"email.unsubscribe[{i}]",
                f"{uri!r} is not a mailto: or http(s): URL",
                hint='e.g. "mailto:briefs@example.org?subject=unsubscribe"',
            )
    list_id = c.string("email.list_id", e["list_id"])
    if list_id and not re.search(r"<[A-Za-z0-9][A-Za-z0-9.\-]*\.[A-Za-z0-9.\-]+>\s*$", list_id):
        raise c.error(
            "email.list_id",
            f"{list_id!r} is not a List-Id",
            hint='e.g. "Policy digest <policy-digest.example.org>" (RFC 2919)',
        )
    email = EmailConfig(
        sender=sender,
        to=to,
        subject=subject,
        unsubscribe=unsubscribe,
        list_id=list_id,
        empty_note=c.boolean("email.empty_note", e["empty_note"]),
    )

    s = data["smtp"]
    host = c.string("smtp.host", s["host"]).strip()
    if not host or not HOST_RE.match(host):
        raise c.error("smtp.host", f"{host!r} is not a host name", hint="e.g. smtp.example.org")
    security = c.string("smtp.security", s["security"]).lower()
    if security not in SECURITY:
        raise c.error("smtp.security", f"must be one of {', '.join(SECURITY)}, not {security!r}")
    cafile_raw = c.string("smtp.cafile", s["cafile"])
    cafile = _path(cafile_raw, base) if cafile_raw else None
    if cafile and not cafile.is_file():
        raise c.error(
            "smtp.cafile",
            f"no such file: {cafile}",
            hint="give a PEM file of certificate authorities, or leave it empty",
        )
    user = c.string("smtp.user", s["user"])
    if user and security == "none" and host.lower() not in LOOPBACK:
        raise c.error(
            "smtp.security",
            "is none, so the password would cross the network in clear",
            hint="use starttls or ssl, or clear smtp.user",
        )
    smtp = SmtpConfig(
        host=host,
        port=c.integer("smtp.port", s["port"], 1, 65535),
        security=security,
        user=user,
        password=password,
        cafile=cafile,
        timeout=c.number("smtp.timeout", s["timeout"], 0.1, 3600),
        retries=c.integer("smtp.retries", s["retries"], 0, 20),
        backoff=c.number("smtp.backoff", s["backoff"], 0, 600),
    )

    sc = data["schedule"]
    cron = c.string("schedule.cron", sc["cron"]).strip()
    if not croniter.is_valid(cron):
        raise c.error(
            "schedule.cron",
            f"{cron!r} is not a cron expression",
            hint='five fields: minute hour day month weekday, e.g. "0 7 * * 1-5"',
        )
    timezone = c.string("schedule.timezone", sc["timezone"]).strip()
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise c.error(
            "schedule.timezone",
            f"unknown time zone {timezone!r}",
            hint='an IANA name such as "Asia/Taipei", "Europe/Berlin" or "UTC"',
        ) from None
    schedule = ScheduleConfig(
        cron=cron,
        timezone=timezone,
        misfire_grace=c.number("schedule.misfire_grace", sc["misfire_grace"], 0, 7 * 86400),
    )

    d = data["digest"]
    title = c.string("digest.title", d["title"]).strip()
    if not title:
        raise c.error("digest.title", "must not be empty")
    method = c.string("digest.method", d["method"])
    from .summarise import SUMMARISERS

    if method not in SUMMARISERS:
        raise c.error("digest.method", f"unknown method {method!r}", hint=f"one of {', '.join(SUMMARISERS)}")
    executor = c.string("digest.executor", d["executor"])
    if executor not in ("local", "processes", "dask"):
        raise c.error(
            "digest.executor", f"unknown executor {executor!r}", hint="one of local, processes, dask"
        )
    scheduler = c.string("digest.scheduler", d["scheduler"]).strip()
    from .batch import SCHEDULER_RE

    if scheduler and not SCHEDULER_RE.match(scheduler):
        raise c.error(
            "digest.scheduler",
            f"{scheduler!r} is not a Dask scheduler address",
            hint='e.g. "tcp://10.0.0.5:8786"',
        )
    if scheduler and executor != "dask":
        raise c.error(
            "digest.scheduler",
            'needs executor = "dask"',
            hint='set digest.executor = "dask" or remove digest.scheduler',
        )
    digest = DigestConfig(
        title=title,
        sentences=c.integer("digest.sentences", d["sentences"], 1, 50),
        method=method,
        workers=c.integer("digest.workers", d["workers"], 1, 256),
        executor=executor,
        scheduler=scheduler,
    )
    return Config(
        sources=sources,
        state=state,
        email=email,
        smtp=smtp,
        schedule=schedule,
        digest=digest,
        path=config_path,
    )


def find(path: str | Path | None) -> Path:
    """The config file to use: ``path``, else ./policybrief.toml."""
    if path is not None:
        return Path(path)
    candidate = Path.cwd() / CONFIG_NAME
    if candidate.is_file():
        return candidate
    raise ConfigError(
        "no config file given and none in the current folder",
        subject=CONFIG_NAME,
        hint="pass --config FILE, or create one with 'policybrief init'",
    )
