"""Validation at the boundary: each section of the merged TOML data → its dataclass.

An unknown key or a bad value is a ``ConfigError`` naming the key (``smtp.port``) and the
file.
"""

from __future__ import annotations

import re
from email.utils import getaddresses
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from croniter import croniter

from ..batch.executor import EXECUTORS, SCHEDULER_RE
from ..errors import ConfigError, PolicyBriefError
from ..ingest.policy import Allowed
from ..summarise import SUMMARISERS
from .model import (
    Config,
    DigestConfig,
    DkimConfig,
    EmailConfig,
    ScheduleConfig,
    Secret,
    ServerConfig,
    SmtpConfig,
    WebConfig,
)

SECURITY = ("none", "starttls", "ssl")
LOOPBACK = frozenset({"localhost", "127.0.0.1", "::1"})
SUBJECT_SAMPLE = {"date": "7 March 2025", "count": 3, "title": "Policy digest"}
HOST_RE = re.compile(r"^[A-Za-z0-9._:\-\[\]]+$")
BASE_URL_RE = re.compile(r"^https?://[A-Za-z0-9.\-]+(:\d{1,5})?(/[A-Za-z0-9._~\-/]*)?$", re.IGNORECASE)
LISTEN_RE = re.compile(r"^(\[[0-9A-Fa-f:]+\]|[A-Za-z0-9.\-]+):(\d{1,5})$")
DKIM_NAME_RE = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9\-_]*[A-Za-z0-9])?(?:\.[A-Za-z0-9\-_]+)*$")


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


def build(
    data: dict[str, Any],
    base: Path,
    label: str,
    password: Secret,
    config_path: Path | None,
    secret: Secret | None = None,
) -> Config:
    """The validated ``Config`` of merged data; relative paths are taken from ``base``."""
    c = _Checker(label)
    sources = tuple(_source(s, base) for s in c.strings("sources", data["sources"]) if s)
    state_raw = c.string("state", data["state"])
    return Config(
        sources=sources,
        state=_path(state_raw, base) if state_raw else None,
        email=_email(c, data["email"]),
        smtp=_smtp(c, data["smtp"], base, password),
        web=_web(c, data["web"]),
        schedule=_schedule(c, data["schedule"]),
        digest=_digest(c, data["digest"]),
        server=_server(c, data["server"]),
        dkim=_dkim(c, data["dkim"], base),
        path=config_path,
        secret=secret or Secret(""),
    )


def _email(c: _Checker, e: dict[str, Any]) -> EmailConfig:
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
    return EmailConfig(
        sender=sender,
        to=to,
        subject=subject,
        unsubscribe=unsubscribe,
        list_id=list_id,
        empty_note=c.boolean("email.empty_note", e["empty_note"]),
    )


def _smtp(c: _Checker, s: dict[str, Any], base: Path, password: Secret) -> SmtpConfig:
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
    return SmtpConfig(
        host=host,
        port=c.integer("smtp.port", s["port"], 1, 65535),
        security=security,
        user=user,
        password=password,
        cafile=cafile,
        timeout=c.number("smtp.timeout", s["timeout"], 0.1, 3600),
        retries=c.integer("smtp.retries", s["retries"], 0, 20),
        backoff=c.number("smtp.backoff", s["backoff"], 0, 600),
        deadline=c.number("smtp.deadline", s["deadline"], 1, 86400),
    )


def _web(c: _Checker, w: dict[str, Any]) -> WebConfig:
    hosts = c.strings("web.allow_hosts", w["allow_hosts"])
    for i, host in enumerate(hosts):
        try:
            Allowed.parse([host])
        except PolicyBriefError:
            raise c.error(f"web.allow_hosts[{i}]", f"{host!r} is not a host name, address or network",
                          hint='e.g. "wiki.corp", "10.0.0.7" or "10.0.0.0/8"') from None
    return WebConfig(
        allow_hosts=hosts,
        max_entries=c.integer("web.max_entries", w["max_entries"], 1, 100_000),
        max_pages=c.integer("web.max_pages", w["max_pages"], 1, 1_000_000),
        deadline=c.number("web.deadline", w["deadline"], 1, 86400),
        parallel=c.integer("web.parallel", w["parallel"], 1, 64),
    )


def _schedule(c: _Checker, sc: dict[str, Any]) -> ScheduleConfig:
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
    return ScheduleConfig(
        cron=cron,
        timezone=timezone,
        misfire_grace=c.number("schedule.misfire_grace", sc["misfire_grace"], 0, 7 * 86400),
    )


def _digest(c: _Checker, d: dict[str, Any]) -> DigestConfig:
    title = c.string("digest.title", d["title"]).strip()
    if not title:
        raise c.error("digest.title", "must not be empty")
    method = c.string("digest.method", d["method"])
    if method not in SUMMARISERS:
        raise c.error("digest.method", f"unknown method {method!r}", hint=f"one of {', '.join(SUMMARISERS)}")
    executor = c.string("digest.executor", d["executor"])
    if executor not in EXECUTORS:
        raise c.error(
            "digest.executor", f"unknown executor {executor!r}", hint="one of local, processes, dask"
        )
    scheduler = c.string("digest.scheduler", d["scheduler"]).strip()
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
    return DigestConfig(
        title=title,
        sentences=c.integer("digest.sentences", d["sentences"], 1, 50),
        method=method,
        workers=c.integer("digest.workers", d["workers"], 1, 256),
        executor=executor,
        scheduler=scheduler,
    )


def _server(c: _Checker, s: dict[str, Any]) -> ServerConfig:
    base_url = c.string("server.base_url", s["base_url"]).strip().rstrip("/")
    if base_url and not BASE_URL_RE.match(base_url):
        raise c.error(
            "server.base_url",
            f"{base_url!r} is not a plain http(s) URL",
            hint='e.g. "https://briefs.example.org" or "https://example.org/briefs" '
            "(no query, no fragment)",
        )
    listen = c.string("server.listen", s["listen"]).strip()
    match = LISTEN_RE.match(listen)
    if not match or not 1 <= int(match.group(2)) <= 65535:
        raise c.error("server.listen", f"{listen!r} is not HOST:PORT", hint='e.g. "127.0.0.1:8025"')
    return ServerConfig(base_url=base_url, listen=listen)


def _dkim(c: _Checker, d: dict[str, Any], base: Path) -> DkimConfig:
    selector = c.string("dkim.selector", d["selector"]).strip()
    domain = c.string("dkim.domain", d["domain"]).strip().lower()
    key_raw = c.string("dkim.key_file", d["key_file"]).strip()
    given = [k for k, v in (("selector", selector), ("domain", domain), ("key_file", key_raw)) if v]
    if not given:
        return DkimConfig()
    if len(given) < 3:
        missing = ", ".join(f"dkim.{k}" for k in ("selector", "domain", "key_file") if k not in given)
        raise c.error("dkim", f"{missing} missing", hint="set selector, domain and key_file, or none")
    for key, value in (("dkim.selector", selector), ("dkim.domain", domain)):
        if not DKIM_NAME_RE.match(value):
            raise c.error(key, f"{value!r} is not a DNS name", hint="e.g. selector = \"pb2026\"")
    key_file = _path(key_raw, base)
    if not key_file.is_file():
        raise c.error(
            "dkim.key_file",
            f"{key_file} does not exist",
            hint="give the PEM private key whose public half is published at "
            f"{selector}._domainkey.{domain}",
        )
    return DkimConfig(selector=selector, domain=domain, key_file=key_file)
