"""How the HTTP client behaves, and the bounds of one run's web work.

Every field has an environment variable ``POLICYBRIEF_HTTP_<FIELD>`` (the config's ``[web]``
section sets the bounds for scheduled runs; the environment still wins). Hosts allowed
beyond the fetch policy come from ``POLICYBRIEF_ALLOW_HOSTS`` (see ``policy``).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from importlib.metadata import version

from .. import __version__
from ..errors import IngestError
from .policy import ALLOW_ENV, Allowed, split_hosts

ENV = "POLICYBRIEF_HTTP_"
WHOLE = frozenset({"retries", "max_redirects", "max_entries", "max_pages", "parallel"})


def user_agent() -> str:
    return (f"policybrief/{__version__} (offline extractive policy briefs; "
            f"python-httpx/{version('httpx')})")


@dataclass(frozen=True)
class Settings:
    """How the client behaves; each field has an environment variable ``POLICYBRIEF_HTTP_*``."""

    timeout: float = 20.0  # read timeout, and the budget for a whole body is four times it
    connect_timeout: float = 10.0
    retries: int = 2  # extra tries after a 429/5xx or a dropped connection (not a refused one)
    backoff: float = 1.0  # seconds before the first retry, doubled for each next one
    max_backoff: float = 30.0  # cap, also on a server's Retry-After
    delay: float = 1.0  # seconds between two requests to the same host
    max_redirects: int = 5
    max_entries: int = 50  # the newest entries read of each feed
    max_pages: int = 500  # requests in one run
    deadline: float = 600.0  # seconds of web work in one run
    parallel: int = 4  # hosts fetched from at once (each keeps its polite delay)
    user_agent: str = ""
    allowed: Allowed = field(default_factory=Allowed)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, base: Settings | None = None
                 ) -> Settings:
        """``base`` (or the defaults) overridden by ``POLICYBRIEF_HTTP_<FIELD>`` variables
        and widened by ``POLICYBRIEF_ALLOW_HOSTS``; bad values refused."""
        env = os.environ if environ is None else environ
        settings = base or cls(user_agent=user_agent())
        values: dict[str, object] = {}
        for spec in fields(cls):
            raw = env.get(ENV + spec.name.upper())
            if spec.name == "allowed" or raw is None or raw.strip() == "":
                continue
            values[spec.name] = raw.strip() if spec.name == "user_agent" else _number(spec.name, raw)
        allowed = Allowed.parse(split_hosts(env.get(ALLOW_ENV, "")))
        return replace(settings, **values, allowed=settings.allowed | allowed)  # type: ignore[arg-type]


def _number(name: str, raw: str) -> float:
    kind = int if name in WHOLE else float
    try:
        value = kind(raw)
    except ValueError:
        value = -1
    least = 1 if name in ("max_entries", "max_pages", "parallel") else 0
    if value < least:
        raise IngestError(
            f"{ENV}{name.upper()}={raw!r} is not a "
            f"{'whole number' if kind is int else 'number'} of at least {least}",
            subject="environment", hint=f"fix or unset {ENV}{name.upper()}",
        )
    return value
