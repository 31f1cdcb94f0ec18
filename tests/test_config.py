"""Config: packaged defaults → the user's file → the environment; unknown keys and bad
values rejected naming the key; the password only from the environment, never shown."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from policybrief.cli import app
from policybrief.config import (
    PASSWORD_ENV,
    DkimConfig,
    Secret,
    ServerConfig,
    SmtpConfig,
    WebConfig,
    default_text,
    load,
)
from policybrief.errors import ConfigError, ExitCode

NO_ENV: dict[str, str] = {}


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "policybrief.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_packaged_defaults_parse_and_match_the_dataclass_defaults() -> None:
    data = tomllib.loads(default_text())
    assert set(data) == {"sources", "state", "email", "smtp", "web", "schedule", "digest",
                         "server", "dkim"}
    config = load(None, env=NO_ENV)
    assert config.web == WebConfig() and config.smtp == SmtpConfig()
    assert config.server == ServerConfig() and config.dkim == DkimConfig()
    assert config.smtp.port == 587 and config.smtp.security == "starttls"
    assert config.schedule.cron == "0 7 * * 1-5"
    assert config.digest.title == "Policy digest" and config.digest.sentences == 3
    assert (
        config.email.subject.format(title="Policy digest", date="1 May 2025", count=2)
        == "Policy digest 1 May 2025: 2 briefs"
    )


def test_the_issue_example_file_loads(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
sources = ["seeds/"]
state = "policybrief.db"
[email]
from = "Briefing <briefs@example.org>"
to = ["reader@example.org"]
subject = "Policy digest {date}: {count} briefs"
unsubscribe = "mailto:briefs@example.org?subject=unsubscribe"
[smtp]
host = "localhost"
port = 587
security = "starttls"
user = ""
[schedule]
cron = "0 7 * * 1-5"
timezone = "Asia/Taipei"
[digest]
title = "Policy digest"
sentences = 3
""",
    )
    config = load(path, env=NO_ENV).require_mail()
    assert config.sources == (str(tmp_path / "seeds"),)  # relative to the config file
    assert config.state == tmp_path / "policybrief.db"
    assert config.email.to == ("reader@example.org",)
    assert config.email.unsubscribe == ("mailto:briefs@example.org?subject=unsubscribe",)
    assert config.schedule.timezone == "Asia/Taipei"
    assert config.path == path.resolve()


def test_paths_are_relative_to_the_config_file_not_the_cwd(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sub = tmp_path / "etc"
    sub.mkdir()
    path = write(sub, 'sources = ["../articles", "https://example.org/feed"]\nstate = "var/state.db"\n')
    monkeypatch.chdir(tmp_path)
    config = load(path, env=NO_ENV)
    assert config.sources == (str(tmp_path / "articles"), "https://example.org/feed")
    assert config.state == sub / "var" / "state.db"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("colour = 'red'\n", "'colour'"),
        ("[smtp]\npasword = 'x'\n", "'smtp.pasword'"),
        ("[smtp]\npassword = 'x'\n", "'smtp.password'"),  # never from the file
        ("[mail]\nto = []\n", "'mail'"),
    ],
)
def test_unknown_keys_are_rejected_naming_the_key(tmp_path: Path, text: str, key: str) -> None:
    with pytest.raises(ConfigError) as info:
        load(write(tmp_path, text), env=NO_ENV)
    assert f"unknown key {key}" in str(info.value)
    assert str(tmp_path) in str(info.value)
    assert info.value.exit_code == ExitCode.USAGE


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("[smtp]\nport = 'twenty-five'\n", "smtp.port"),
        ("[smtp]\nport = 70000\n", "smtp.port"),
        ("[smtp]\nsecurity = 'tls'\n", "smtp.security"),
        ("[smtp]\nhost = 'mail example org'\n", "smtp.host"),
        ("[smtp]\nretries = -1\n", "smtp.retries"),
        ("[smtp]\ncafile = 'missing.pem'\n", "smtp.cafile"),
        ("[schedule]\ncron = 'every morning'\n", "schedule.cron"),
        ("[schedule]\ntimezone = 'Mars/Olympus'\n", "schedule.timezone"),
        ("[email]\nsubject = 'Digest {day}'\n", "email.subject"),
        ("[email]\nto = 'not an address'\n", "email.to[0]"),
        ("[email]\nto = [1, 2]\n", "email.to[0]"),
        ("[email]\nto = ['a@example.org', 'A@example.org']\n", "email.to"),
        ("[email]\nfrom = 'Briefing <briefs@example.org>, other@example.org'\n", "email.from"),
        ("[email]\nunsubscribe = ['ftp://example.org/x']\n", "email.unsubscribe[0]"),
        ("[email]\nempty_note = 'yes'\n", "email.empty_note"),
        ("[email]\nlist_id = 'no angle brackets'\n", "email.list_id"),
        ("[digest]\nsentences = 0\n", "digest.sentences"),
        ("[digest]\nmethod = 'magic'\n", "digest.method"),
        ("smtp = 3\n", "smtp"),
        ("sources = 'a'\n[email]\nsubject = \"line\\nbreak\"\n", "email.subject"),
    ],
)
def test_bad_values_are_rejected_naming_the_key(tmp_path: Path, text: str, key: str) -> None:
    with pytest.raises(ConfigError) as info:
        load(write(tmp_path, text), env=NO_ENV)
    assert key in str(info.value)


def test_toml_syntax_errors_name_the_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not valid TOML") as info:
        load(write(tmp_path, "[smtp\nport = 1\n"), env=NO_ENV)
    assert str(tmp_path) in str(info.value)


def test_missing_file_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="policybrief init"):
        load(tmp_path / "nope.toml", env=NO_ENV)


def test_environment_overrides_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "[smtp]\nhost = 'file.example.org'\nport = 25\nsecurity = 'none'\n")
    env = {
        "POLICYBRIEF_SMTP_HOST": "env.example.org",
        "POLICYBRIEF_SMTP_PORT": "465",
        "POLICYBRIEF_SMTP_USER": "briefs",
        "POLICYBRIEF_SMTP_SECURITY": "ssl",
    }
    smtp = load(path, env=env).smtp
    assert (smtp.host, smtp.port, smtp.user, smtp.security) == ("env.example.org", 465, "briefs", "ssl")
    assert load(path, env={"POLICYBRIEF_SMTP_HOST": ""}).smtp.host == "file.example.org"


def test_command_line_overrides_the_environment() -> None:
    config = load(
        None,
        env={"POLICYBRIEF_SMTP_HOST": "env.example.org"},
        overrides={"smtp": {"host": "flag.example.org"}},
    )
    assert config.smtp.host == "flag.example.org"


@pytest.mark.parametrize(
    ("var", "value"), [("POLICYBRIEF_SMTP_PORT", "abc"), ("POLICYBRIEF_SMTP_SECURITY", "tls")]
)
def test_bad_environment_values_are_named(var: str, value: str) -> None:
    with pytest.raises(ConfigError) as info:
        load(None, env={var: value})
    assert ("POLICYBRIEF_SMTP_PORT" if var.endswith("PORT") else "smtp.security") in str(info.value)


def test_password_only_from_the_environment_and_never_shown(tmp_path: Path) -> None:
    secret = "hunter2-very-secret"
    path = write(tmp_path, "[smtp]\nuser = 'briefs'\n")
    config = load(path, env={PASSWORD_ENV: secret})
    assert config.smtp.password.reveal() == secret
    for shown in (
        repr(config),
        str(config),
        repr(config.smtp),
        repr(config.smtp.password),
        str(config.smtp.password),
        f"{config.smtp.password}",
    ):
        assert secret not in shown
    assert not load(path, env=NO_ENV).smtp.password
    assert Secret("a") == Secret("a") and Secret("a") != Secret("b")


def test_auth_over_clear_text_to_a_remote_host_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "[smtp]\nhost = 'mail.example.org'\nsecurity = 'none'\nuser = 'briefs'\n")
    with pytest.raises(ConfigError, match=r"smtp\.security.*in clear"):
        load(path, env=NO_ENV)
    local = write(tmp_path, "[smtp]\nhost = '127.0.0.1'\nsecurity = 'none'\nuser = 'briefs'\n")
    assert load(local, env=NO_ENV).smtp.user == "briefs"


def test_require_mail_names_the_missing_key(tmp_path: Path) -> None:
    path = write(tmp_path, "sources = ['a']\n[email]\nfrom = 'b@example.org'\n")
    with pytest.raises(ConfigError, match=r"email\.to is empty"):
        load(path, env=NO_ENV).require_mail()


def test_init_writes_the_commented_defaults_and_refuses_to_overwrite(tmp_path: Path, runner) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "conf" / "policybrief.toml"
    result = runner.invoke(app, ["init", str(target)])
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    assert text == default_text()
    assert "POLICYBRIEF_SMTP_PASSWORD" in text and "# " in text
    assert load(target, env=NO_ENV).path == target.resolve()
    again = runner.invoke(app, ["init", str(target)])
    assert again.exit_code == ExitCode.USAGE
    assert "already exists" in again.stderr
    assert runner.invoke(app, ["init", str(target), "--force"]).exit_code == 0


def test_digest_executor_keys(tmp_path: Path) -> None:
    from policybrief.config import load

    path = tmp_path / "policybrief.toml"
    path.write_text('sources = ["a/"]\n[digest]\nexecutor = "dask"\nscheduler = "tcp://127.0.0.1:8786"\n')
    config = load(path)
    assert (config.digest.executor, config.digest.scheduler) == ("dask", "tcp://127.0.0.1:8786")
    path.write_text('sources = ["a/"]\n[digest]\nexecutor = "threads"\n')
    with pytest.raises(ConfigError, match=r"digest\.executor"):
        load(path)
    path.write_text('sources = ["a/"]\n[digest]\nscheduler = "tcp://x:1"\n')
    with pytest.raises(ConfigError, match=r"digest\.scheduler"):
        load(path)


@pytest.mark.parametrize("text, key", [
    ("[web]\nallow_hosts = ['http://x/']\n", "web.allow_hosts[0]"),
    ("[web]\nmax_entries = 0\n", "web.max_entries"),
    ("[web]\ndeadline = -1\n", "web.deadline"),
    ("[smtp]\ndeadline = 0\n", "smtp.deadline"),
])
def test_bad_bounds_are_refused_naming_the_key(tmp_path: Path, text: str, key: str) -> None:
    with pytest.raises(ConfigError, match=key.replace("[", r"\[").replace("]", r"\]")):
        load(write(tmp_path, text), env=NO_ENV)


def test_web_bounds_and_allowed_hosts_load(tmp_path: Path) -> None:
    config = load(write(tmp_path, "[web]\nallow_hosts = ['wiki.corp', '10.0.0.0/8']\n"
                                  "max_entries = 10\nparallel = 2\n"), env=NO_ENV)
    assert config.web.allow_hosts == ("wiki.corp", "10.0.0.0/8")
    assert (config.web.max_entries, config.web.parallel) == (10, 2)
