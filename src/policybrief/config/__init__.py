"""Configuration: packaged commented defaults, then the user's TOML file, then the environment.

Values are validated at the boundary (``checks``): an unknown key or a bad value is a
``ConfigError`` naming the key (``smtp.port``) and the file. The SMTP password comes only
from ``POLICYBRIEF_SMTP_PASSWORD`` and lives in a ``Secret`` that never shows in a repr,
a log line or a traceback.
"""

from __future__ import annotations

from .load import (
    CONFIG_NAME,
    ENV_OVERRIDES,
    PASSWORD_ENV,
    SECRET_ENV,
    default_text,
    find,
    load,
    read_file,
)
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

__all__ = [
    "CONFIG_NAME",
    "ENV_OVERRIDES",
    "PASSWORD_ENV",
    "SECRET_ENV",
    "Config",
    "DigestConfig",
    "DkimConfig",
    "EmailConfig",
    "ScheduleConfig",
    "Secret",
    "ServerConfig",
    "SmtpConfig",
    "WebConfig",
    "default_text",
    "find",
    "load",
    "read_file",
]
