"""A real SMTP server for tests: aiosmtpd on 127.0.0.1, a random port, faults on request.

``SmtpServer`` runs aiosmtpd's threaded controller on an ephemeral port, with optional
STARTTLS or implicit TLS (a self-signed certificate made here with ``cryptography``) and
AUTH. Its ``Handler`` records every accepted message and injects faults:

- ``rcpt_replies[addr]``: replies to RCPT TO for that address, used in turn (e.g.
  ``["450 4.2.1 Mailbox busy", "450 ...", None]`` - None means accept);
- ``data_replies``: replies to the end of DATA, used in turn before accepting;
- ``drop_data``: how many DATA phases end with the server closing the connection
  without an answer;
- ``hold``: DATA waits (without answering) until ``release`` is set or the client
  vanishes; a message whose client vanished is not accepted, as a real server that could
  not send its 250 would not take responsibility for it.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import ipaddress
import ssl
import threading
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

USER = "briefs"
PASSWORD = "s3cret-pa55"


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes

    @property
    def message(self) -> EmailMessage:
        return message_from_bytes(self.data, policy=default)  # type: ignore[return-value]


@dataclass
class Handler:
    received: list[Received] = field(default_factory=list)
    rcpt_replies: dict[str, list[str | None]] = field(default_factory=dict)
    data_replies: list[str] = field(default_factory=list)
    drop_data: int = 0
    hold: bool = False
    release: threading.Event = field(default_factory=threading.Event)
    holding: threading.Event = field(default_factory=threading.Event)
    abandoned: int = 0
    data_attempts: int = 0
    data_delay: float = 0.0  # seconds the server takes to answer the end of DATA
    lock: threading.Lock = field(default_factory=threading.Lock)

    def for_recipient(self, addr: str) -> list[Received]:
        with self.lock:
            return [r for r in self.received if addr in r.rcpt_tos]

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: list[str]
    ) -> str:
        plan = self.rcpt_replies.get(address)
        if plan:
            reply = plan.pop(0)
            if reply is not None:
                return reply
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.data_attempts += 1
        if self.data_delay:
            await asyncio.sleep(self.data_delay)
        if self.drop_data > 0:
            self.drop_data -= 1
            server.transport.close()
            await asyncio.sleep(5)  # cancelled by connection_lost
            return "451 never sent"
        if self.data_replies:
            return self.data_replies.pop(0)
        if self.hold:
            self.holding.set()
            try:
                while not self.release.is_set():
                    if server.transport is None or server.transport.is_closing():
                        self.abandoned += 1
                        return "451 4.3.0 client gone"
                    await asyncio.sleep(0.02)
            except asyncio.CancelledError:
                self.abandoned += 1
                raise
        with self.lock:
            self.received.append(
                Received(
                    envelope.mail_from,
                    list(envelope.rcpt_tos),
                    bytes(envelope.original_content or envelope.content),
                )
            )
            n = len(self.received)
        return f"250 2.0.0 Ok: queued as TEST{n}"


def authenticator(server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> AuthResult:
    if (
        isinstance(auth_data, LoginPassword)
        and auth_data.login.decode() == USER
        and auth_data.password.decode() == PASSWORD
    ):
        return AuthResult(success=True)
    return AuthResult(success=False, handled=False)


class _Controller(Controller):
    """aiosmtpd's controller, bound to port 0: the real port is read back once it listens."""

    def _trigger_server(self) -> None:
        assert self.server is not None
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


def make_certificate(folder: Path, host: str = "127.0.0.1") -> tuple[Path, Path]:
    """A self-signed certificate for ``host`` (an IP address and localhost): (cert, key)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, host)])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address(host)), x509.DNSName("localhost")]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return cert_path, key_path


class SmtpServer:
    """``with SmtpServer(tls="starttls", cert=(c, k), auth=True) as s: s.port ...``"""

    def __init__(
        self,
        *,
        tls: str = "none",
        cert: tuple[Path, Path] | None = None,
        auth: bool = False,
        handler: Handler | None = None,
    ) -> None:
        self.handler = handler or Handler()
        context = None
        if cert is not None:
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(str(cert[0]), str(cert[1]))
        kwargs: dict[str, Any] = {"hostname": "127.0.0.1", "port": 0, "server_hostname": "mail.test"}
        if tls == "starttls":
            kwargs.update(tls_context=context, require_starttls=True)
        elif tls == "ssl":
            kwargs.update(ssl_context=context)
        if auth:
            kwargs.update(authenticator=authenticator, auth_required=True, auth_require_tls=tls == "starttls")
        self.controller = _Controller(self.handler, **kwargs)

    @property
    def port(self) -> int:
        return int(self.controller.port)

    def __enter__(self) -> SmtpServer:
        self.controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.handler.release.set()
        self.controller.stop()


# --- fixtures for the mail tests: tiny articles and config files ------------------------------

ARTICLES = {
    "chips": (
        "Taiwan should expand its chip export controls",
        "Taiwan's government announced new rules for chip exports on Monday. The rules "
        "cover advanced semiconductors sold to foreign buyers.\n\nOfficials said the "
        "controls would protect national security. Critics argued that the measures "
        "could hurt trade with neighbours.\n\nThe cabinet should publish clear guidance "
        "for companies before the rules take effect.",
    ),
    "water": (
        "Cities must prepare for summer droughts",
        "Reservoirs across the south fell to record lows in July. Farmers have already "
        "cut irrigation by a third.\n\nEngineers warn that leaking pipes waste a fifth "
        "of municipal water. Repairs have been postponed for a decade.\n\nCouncils "
        "should fund pipe repairs and publish drought plans now.",
    ),
    "schools": (
        "Rural schools need more teachers",
        "Enrolment in village schools rose for the third straight year. Many classrooms "
        "now hold forty pupils.\n\nYoung graduates rarely accept posts far from the "
        "capital. Housing allowances have not changed since 2010.\n\nThe ministry "
        "should raise rural allowances and build staff housing.",
    ),
    "ports": (
        "Harbour automation divides dock workers",
        "The northern port installed automated cranes last spring. Throughput has "
        "climbed by twelve percent since then.\n\nUnions say hundreds of jobs have "
        "vanished without retraining. Managers reply that safety incidents have "
        "halved.\n\nRegulators should require retraining funds for every automation "
        "project.",
    ),
}


def write_article(folder: Path, key: str) -> Path:
    title, body = ARTICLES[key]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{key}.txt"
    path.write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    return path


def write_config(
    folder: Path,
    port: int,
    *,
    to: tuple[str, ...] = ("a@example.org", "b@example.org"),
    security: str = "none",
    user: str = "",
    extra: str = "",
    smtp_extra: str = "",
    cafile: str = "",
    cron: str = "0 7 * * 1-5",
    retries: int = 2,
    timeout: float = 5,
) -> Path:
    """A policybrief.toml in ``folder`` reading ``folder/articles``, fast retries."""
    recipients = ", ".join(f'"{r}"' for r in to)
    text = f"""\
sources = ["articles/"]
state = "state/policybrief.db"
{extra}
[email]
from = "Briefing <briefs@example.org>"
to = [{recipients}]
unsubscribe = ["mailto:briefs@example.org?subject=unsubscribe", "https://example.org/unsub"]

[smtp]
host = "127.0.0.1"
port = {port}
security = "{security}"
user = "{user}"
cafile = "{cafile}"
timeout = {timeout}
retries = {retries}
backoff = 0.01
{smtp_extra}
[schedule]
cron = "{cron}"
timezone = "Asia/Taipei"
misfire_grace = 30
"""
    path = folder / "policybrief.toml"
    path.write_text(text, encoding="utf-8")
    return path


def closed_port() -> int:
    """A port on 127.0.0.1 where nothing listens."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def parse(data: bytes) -> EmailMessage:
    """A received message, parsed with the modern email policy."""
    return message_from_bytes(data, policy=default)  # type: ignore[return-value]


def body(msg: EmailMessage, kind: str) -> str:
    """A part's text as rendered: the wire's CRLF line ends back to LF."""
    part = msg.get_body((kind,))
    assert part is not None
    return str(part.get_content()).replace("\r\n", "\n")
