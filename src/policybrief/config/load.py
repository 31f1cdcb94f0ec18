"""Loading: packaged commented defaults, then the user's TOML file, then the environment.

The SMTP password comes only from ``POLICYBRIEF_SMTP_PASSWORD`` and lives in a ``Secret``
that never shows in a repr, a log line or a traceback.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from .checks import build
from .model import Config, Secret

CONFIG_NAME = "policybrief.toml"
PASSWORD_ENV = "POLICYBRIEF_SMTP_PASSWORD"
SECRET_ENV = "POLICYBRIEF_SECRET"  # signs unsubscribe links; never in the file
ENV_OVERRIDES = {  # env var → (section, key)
    "POLICYBRIEF_SMTP_HOST": ("smtp", "host"),
    "POLICYBRIEF_SMTP_PORT": ("smtp", "port"),
    "POLICYBRIEF_SMTP_USER": ("smtp", "user"),
    "POLICYBRIEF_SMTP_SECURITY": ("smtp", "security"),
}


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
    return build(data, base, label, Secret(env.get(PASSWORD_ENV, "")), config_path,
                 Secret(env.get(SECRET_ENV, "")))



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
