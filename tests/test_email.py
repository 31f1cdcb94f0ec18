"""The message (parsed back with the email package) and SMTP against a real aiosmtpd server:
plain, STARTTLS and SSL with a self-signed certificate, AUTH, and every fault the issue
lists: refused, TLS, authentication, 4xx, 5xx for one recipient, a drop after the end of
DATA (delivered-unknown: never retried in the run, resent once by the next)."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from policybrief import mailing
from policybrief.config import PASSWORD_ENV, SmtpConfig, load
from policybrief.deliver.email import (
    Letter,
    Mailer,
    build_message,
    message_bytes,
    message_id,
    one_line,
)
from policybrief.errors import DeliverError, ExitCode
from policybrief.mailing.state import State
from smtp_server import (
    PASSWORD,
    USER,
    Handler,
    SmtpServer,
    body,
    closed_port,
    make_certificate,
    parse,
    write_article,
    write_config,
)

PLAIN_AUTH = pytest.mark.filterwarnings(
    "ignore:Requiring AUTH while not requiring TLS:UserWarning")  # aiosmtpd, on loopback


@pytest.fixture(scope="module")
def cert(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return make_certificate(tmp_path_factory.mktemp("tls"))


def letter(**changes: object) -> Letter:
    base = dict(sender="Briefing <briefs@example.org>", subject="Policy digest 1 May: 2 briefs",
                text="The text digest ü\n", html="<html><body><p>The HTML digest ü</p>"
                "</body></html>\n", digest_hash="ab" * 32,
                date=datetime(2025, 5, 1, 7, 0, tzinfo=UTC), title="Policy digest",
                unsubscribe=("mailto:briefs@example.org?subject=unsubscribe",
                             "https://example.org/unsub?u=1"), one_click=True)
    base.update(changes)
    return Letter(**base)  # type: ignore[arg-type]


def smtp(port: int, **changes: object) -> SmtpConfig:
    base: dict[str, object] = dict(host="127.0.0.1", port=port, security="none", timeout=5,
                                   retries=2, backoff=0.01)
    base.update(changes)
    return SmtpConfig(**base)  # type: ignore[arg-type]


# --- the message --------------------------------------------------------------------------

def test_message_is_multipart_alternative_text_then_html_in_utf8() -> None:
    msg = parse(message_bytes(build_message(letter(), "Reader <reader@example.org>")))
    assert msg.get_content_type() == "multipart/alternative"
    parts = list(msg.iter_parts())
    assert [p.get_content_type() for p in parts] == ["text/plain", "text/html"]
    assert all(p.get_content_charset() == "utf-8" for p in parts)
    assert body(msg, "plain") == "The text digest ü\n"
    assert body(msg, "html") == "<html><body><p>The HTML digest ü</p></body></html>\n"


def test_headers() -> None:
    msg = parse(message_bytes(build_message(letter(), "Reader <reader@example.org>")))
    assert msg["From"] == "Briefing <briefs@example.org>"
    assert msg["To"] == "Reader <reader@example.org>"
    assert msg["Subject"] == "Policy digest 1 May: 2 briefs"
    assert msg["Date"] == "Thu, 01 May 2025 07:00:00 +0000"
    assert msg["List-Unsubscribe"] == ("<mailto:briefs@example.org?subject=unsubscribe>, "
                                       "<https://example.org/unsub?u=1>")
    assert msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert msg["List-Id"] == "Policy digest <policy-digest.example.org>"
    assert msg["Message-ID"].endswith("@example.org>")


def test_one_click_only_with_an_https_url_that_knows_the_reader() -> None:
    msg = parse(message_bytes(build_message(
        letter(unsubscribe=("mailto:u@example.org",)), "r@example.org")))
    assert msg["List-Unsubscribe"] == "<mailto:u@example.org>"
    assert msg["List-Unsubscribe-Post"] is None
    static = parse(message_bytes(build_message(letter(one_click=False), "r@example.org")))
    assert static["List-Unsubscribe-Post"] is None  # a URL that cannot tell who: no one-click
    bare = parse(message_bytes(build_message(letter(unsubscribe=()), "r@example.org")))
    assert bare["List-Unsubscribe"] is None


def test_message_id_is_stable_per_digest_and_recipient() -> None:
    one = build_message(letter(), "a@example.org")["Message-ID"]
    again = build_message(letter(date=datetime(2030, 1, 1, tzinfo=UTC)), "A <a@example.org>")
    assert one == again["Message-ID"]
    assert one != build_message(letter(), "b@example.org")["Message-ID"]
    assert one != build_message(letter(digest_hash="cd" * 32), "a@example.org")["Message-ID"]
    assert message_id("ab" * 32, "a@example.org", "example.org") == one


@pytest.mark.parametrize("title", [
    "Tariffs\r\nBcc: victim@example.org",
    "Line\nbreak\rand\u2028separator\x00null",
    "蔡英文 says Taiwan — “quotes” and émigrés " * 6,
])
def test_titles_with_cr_lf_or_non_ascii_never_break_headers(title: str) -> None:
    data = message_bytes(build_message(letter(subject=title, title=title), "r@example.org"))
    assert data.isascii()  # RFC 2047 and quoted-printable: 7-bit on the wire
    head = data.split(b"\r\n\r\n", 1)[0]
    names = [line.split(b":", 1)[0] for line in head.split(b"\r\n")
             if line and not line[:1].isspace()]
    assert b"Bcc" not in names and len(names) == len(set(names))
    msg = parse(data)
    assert msg["Bcc"] is None
    assert msg["Subject"] == one_line(title, 200)
    assert "\n" not in msg["Subject"] and "\r" not in msg["Subject"]


def test_display_names_with_commas_and_non_ascii() -> None:
    msg = parse(message_bytes(build_message(
        letter(sender='"Briefs, Daily" <briefs@example.org>'), "Zoë Ärger <z@example.org>")))
    assert msg["From"].addresses[0].display_name == "Briefs, Daily"
    assert msg["To"].addresses[0].display_name == "Zoë Ärger"
    assert msg["To"].addresses[0].addr_spec == "z@example.org"


# --- sending: transport security and AUTH -------------------------------------------------

def send_one(config: SmtpConfig) -> tuple[str, bytes]:
    data = message_bytes(build_message(letter(), "reader@example.org"))
    with Mailer(config) as mailer:
        result = mailer.send("briefs@example.org", "reader@example.org", data)
    return result.status, data


def test_plain(tmp_path: Path) -> None:
    with SmtpServer() as server:
        status, data = send_one(smtp(server.port))
    assert status == "delivered"
    [got] = server.handler.received
    assert got.mail_from == "briefs@example.org" and got.rcpt_tos == ["reader@example.org"]
    assert parse(got.data)["Message-ID"] == parse(data)["Message-ID"]


@PLAIN_AUTH
def test_plain_auth_on_loopback() -> None:
    with SmtpServer(auth=True) as server:
        status, _ = send_one(smtp(server.port, user=USER, password=_secret(PASSWORD)))
    assert status == "delivered" and len(server.handler.received) == 1


def test_starttls_with_auth(cert: tuple[Path, Path]) -> None:
    with SmtpServer(tls="starttls", cert=cert, auth=True) as server:
        status, _ = send_one(smtp(server.port, security="starttls", cafile=cert[0], user=USER,
                                  password=_secret(PASSWORD)))
    assert status == "delivered" and len(server.handler.received) == 1


@PLAIN_AUTH
def test_ssl_with_auth(cert: tuple[Path, Path]) -> None:
    with SmtpServer(tls="ssl", cert=cert, auth=True) as server:
        status, _ = send_one(smtp(server.port, security="ssl", cafile=cert[0], user=USER,
                                  password=_secret(PASSWORD)))
    assert status == "delivered" and len(server.handler.received) == 1


def _secret(value: str):  # type: ignore[no-untyped-def]
    from policybrief.config import Secret

    return Secret(value)


# --- connection-level faults: one DeliverError naming host:port and what to check ----------

def test_connection_refused() -> None:
    port = closed_port()
    with pytest.raises(DeliverError) as info:
        send_one(smtp(port))
    message = str(info.value)
    assert f"127.0.0.1:{port}" in message and "connection refused" in message
    assert "smtp.host and smtp.port" in message and "\n" not in message


def test_tls_failure_untrusted_certificate(cert: tuple[Path, Path]) -> None:
    with SmtpServer(tls="starttls", cert=cert) as server, \
            pytest.raises(DeliverError) as info:
        send_one(smtp(server.port, security="starttls"))  # no cafile: self-signed fails
    message = str(info.value)
    assert f"127.0.0.1:{server.port}" in message and "TLS failed" in message
    assert "certificate" in message and "smtp.cafile" in message


def test_tls_failure_ssl_against_a_plain_server() -> None:
    with SmtpServer() as server, pytest.raises(DeliverError, match="TLS failed") as info:
        send_one(smtp(server.port, security="ssl"))
    assert "ssl for port 465" in str(info.value)


def test_starttls_not_offered() -> None:
    with SmtpServer() as server, pytest.raises(DeliverError, match="does not offer STARTTLS"):
        send_one(smtp(server.port, security="starttls"))


def test_auth_failure_names_the_settings_and_never_the_password(
        cert: tuple[Path, Path]) -> None:
    wrong = "wrong-password-123"
    with SmtpServer(tls="starttls", cert=cert, auth=True) as server, \
            pytest.raises(DeliverError) as info:
        send_one(smtp(server.port, security="starttls", cafile=cert[0], user=USER,
                      password=_secret(wrong)))
    message = str(info.value)
    assert "authentication failed" in message and "535" in message
    assert "POLICYBRIEF_SMTP_PASSWORD" in message and wrong not in message
    chain = info.value.__cause__
    assert chain is not None and wrong not in str(chain) and wrong not in repr(chain)


def test_user_without_password_is_caught_before_login(cert: tuple[Path, Path]) -> None:
    with SmtpServer(tls="starttls", cert=cert, auth=True) as server, \
            pytest.raises(DeliverError, match="POLICYBRIEF_SMTP_PASSWORD is not set"):
        send_one(smtp(server.port, security="starttls", cafile=cert[0], user=USER))


# --- per-message faults through mail.run: retries, outbox, others unaffected ---------------

def setup_run(tmp_path: Path, port: int, **kwargs: object):  # type: ignore[no-untyped-def]
    write_article(tmp_path / "articles", "chips")
    write_article(tmp_path / "articles", "water")
    return load(write_config(tmp_path, port, **kwargs), env={})  # type: ignore[arg-type]


def no_sleep(_: float) -> None:
    return None


def test_4xx_then_success_is_retried_within_the_run(tmp_path: Path) -> None:
    handler = Handler(rcpt_replies={"a@example.org": ["450 4.2.1 Mailbox busy",
                                                      "451 4.3.0 Try later"]})
    waits: list[float] = []
    with SmtpServer(handler=handler) as server:
        config = setup_run(tmp_path, server.port)
        report = mailing.run(config, sleep=waits.append)
    assert report.exit_code == ExitCode.OK
    assert [len(handler.for_recipient(r)) for r in ("a@example.org", "b@example.org")] == [1, 1]
    assert waits == [0.01, 0.02]  # backoff doubles
    with State.open(config.state) as st:
        rows = {d["recipient"]: d for d in st.digests()[0]["deliveries"]}
    assert rows["a@example.org"]["attempts"] == 3 and rows["a@example.org"]["status"] == \
        "delivered"


def test_4xx_beyond_the_retries_waits_in_the_outbox_and_goes_next_run(tmp_path: Path) -> None:
    handler = Handler(data_replies=["452 4.3.1 Insufficient storage"] * 6)
    with SmtpServer(handler=handler) as server:
        config = setup_run(tmp_path, server.port)
        first = mailing.run(config, sleep=no_sleep)
        assert first.exit_code == ExitCode.ERROR and first.delivered == 0
        assert first.pending == 2 and "452" in first.outcomes[0].answer
        with State.open(config.state) as st:
            stored = {d.recipient: d.message for d in st.outbox()}
        assert set(stored) == {"a@example.org", "b@example.org"}
        assert handler.received == []
        second = mailing.run(config, sleep=no_sleep)  # the server has room again
    assert second.exit_code == ExitCode.OK and second.delivered == 2
    assert second.new_articles == 0  # the same digest, from the outbox, not rebuilt
    for got in handler.received:
        assert got.data.rstrip(b"\r\n") == stored[got.rcpt_tos[0]].rstrip(b"\r\n")


def test_5xx_for_one_recipient_does_not_stop_the_others(tmp_path: Path) -> None:
    handler = Handler(rcpt_replies={"a@example.org": ["550 5.1.1 No such user"]})
    with SmtpServer(handler=handler) as server:
        config = setup_run(tmp_path, server.port, to=("a@example.org", "b@example.org",
                                                      "c@example.org"))
        report = mailing.run(config, sleep=no_sleep)
        assert report.exit_code == ExitCode.PARTIAL
        assert {o.recipient: o.status for o in report.outcomes} == {
            "a@example.org": "failed", "b@example.org": "delivered", "c@example.org": "delivered"}
        assert "550 5.1.1 No such user" in report.outcomes[0].answer
        again = mailing.run(config, sleep=no_sleep)  # a permanent failure is not retried
    assert again.exit_code == ExitCode.OK and again.outcomes == []
    assert len(handler.received) == 2


def test_a_drop_after_the_end_of_data_is_not_retried_in_the_run_but_resent_once_next_run(
        tmp_path: Path) -> None:
    """The server may have stored it: no retry within the run (that made 4 copies); the next
    run resends it once with the same Message-ID, and never again."""
    handler = Handler(drop_data=1)
    with SmtpServer(handler=handler) as server:
        config = setup_run(tmp_path, server.port)
        report = mailing.run(config, sleep=no_sleep)
        assert handler.data_attempts == 2  # one dropped, not retried; the other delivered
        assert sorted(o.status for o in report.outcomes) == ["delivered", "unknown"]
        assert report.exit_code == ExitCode.PARTIAL
        unknown = next(o for o in report.outcomes if o.status == "unknown")
        assert "delivered-unknown" in unknown.answer
        with State.open(config.state) as st:
            assert st.outbox() == [] and len(st.all_due()) == 1
            first_id = st.all_due()[0].message_id
        again = mailing.run(config, sleep=no_sleep)
        assert [o.status for o in again.outcomes] == ["delivered"]
        assert parse(handler.received[-1].data)["Message-ID"] == first_id
        third = mailing.run(config, sleep=no_sleep)
    assert third.outcomes == [] and handler.data_attempts == 3


def test_a_drop_after_the_end_of_data_twice_is_resent_only_once(tmp_path: Path) -> None:
    handler = Handler(drop_data=100)
    with SmtpServer(handler=handler) as server:
        config = setup_run(tmp_path, server.port, to=("a@example.org",), retries=3)
        first = mailing.run(config, sleep=no_sleep)
        assert first.exit_code == ExitCode.ERROR and first.outcomes[0].status == "unknown"
        assert f"no answer from 127.0.0.1:{server.port}" in first.outcomes[0].answer
        second = mailing.run(config, sleep=no_sleep)
        assert [o.status for o in second.outcomes] == ["unknown"]
        third = mailing.run(config, sleep=no_sleep)
    assert third.outcomes == [] and handler.data_attempts == 2  # sent twice at most


def test_a_silent_server_costs_one_timeout_not_four(tmp_path: Path) -> None:
    handler = Handler(data_delay=4.0)
    with SmtpServer(handler=handler) as server:
        config = setup_run(tmp_path, server.port, to=("a@example.org",),
                           smtp_extra="", retries=3)
        config = replace(config, smtp=replace(config.smtp, timeout=0.5))
        started = time.monotonic()
        report = mailing.run(config, sleep=no_sleep)
        took = time.monotonic() - started
    assert [o.status for o in report.outcomes] == ["unknown"]
    assert handler.data_attempts == 1 and took < 4.0


def test_connection_refused_keeps_everything_in_the_outbox(tmp_path: Path) -> None:
    config = setup_run(tmp_path, closed_port())
    report = mailing.run(config, sleep=no_sleep)
    assert report.exit_code == ExitCode.ERROR
    assert report.error is not None and "connection refused" in str(report.error)
    with State.open(config.state) as st:
        assert len(st.outbox()) == 2
        assert st.runs()[0]["status"] == "failed"


def test_auth_failure_in_a_run_never_logs_the_password(tmp_path: Path,
                                                       cert: tuple[Path, Path]) -> None:
    wrong = "Not-The-Password-42"
    lines: list[str] = []
    with SmtpServer(tls="starttls", cert=cert, auth=True) as server:
        write_article(tmp_path / "articles", "chips")
        config = load(write_config(tmp_path, server.port, security="starttls", user=USER,
                                   cafile=str(cert[0])), env={PASSWORD_ENV: wrong})
        report = mailing.run(config, sleep=no_sleep, log=lines.append, warn=lines.append)
    assert report.exit_code == ExitCode.ERROR
    text = "\n".join(lines) + str(report.error) + repr(report) + repr(config)
    assert "authentication failed" in str(report.error) and wrong not in text
    with State.open(config.state) as st:
        assert wrong not in st.dump()
