"""Digests → MIME: the multipart/alternative message of one digest for one recipient.

``build_message`` makes a multipart/alternative message (text/plain, then text/html) in
UTF-8 with ``email.message.EmailMessage``, whose policy refuses CR/LF in a header; every
header value is flattened to one line first, so a title with a line break or non-ASCII
characters can neither break nor inject a header. What differs per recipient (the
unsubscribe link, in the headers and in both parts) is already in the ``Letter``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from email.header import Header
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, parseaddr
from typing import Any

from ..errors import DeliverError

ONE_LINE_RE = re.compile(r"\s+")
MAX_SUBJECT = 200


def one_line(text: str, limit: int | None = None) -> str:
    """Any whitespace run (CR, LF, tabs, U+2028...) → one space; control characters dropped."""
    flat = ONE_LINE_RE.sub(" ", text)
    flat = "".join(c for c in flat if c.isprintable()).strip()
    if limit and len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return flat


def domain_of(address: str) -> str:
    addr = parseaddr(address)[1]
    return addr.rpartition("@")[2].lower() or "localhost"


def envelope_address(address: str) -> str:
    """The bare addr-spec of ``"Name <a@b>"`` for MAIL FROM / RCPT TO."""
    return parseaddr(address)[1]


def message_id(digest_hash: str, recipient: str, domain: str) -> str:
    """Stable per (digest, recipient): a resend is recognisably the same message."""
    who = hashlib.sha256(envelope_address(recipient).lower().encode("utf-8")).hexdigest()
    return f"<{digest_hash[:32]}.{who[:16]}@{domain}>"


def list_id(title: str, sender: str) -> str:
    """RFC 2919 List-Id made from the digest title and the sender's domain."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "digest"
    return f"{one_line(title, 100)} <{slug}.{domain_of(sender)}>"


def subject_for(template: str, *, date: str, count: int, title: str) -> str:
    return one_line(template.format_map({"date": date, "count": count, "title": title}), MAX_SUBJECT)


def _address_header(value: str) -> Address:
    name, addr = parseaddr(one_line(value))
    username, _, domain = addr.rpartition("@")
    if not username or not domain:
        raise DeliverError(
            f"{value!r} is not a mail address", subject="email", hint="check email.from and email.to"
        )
    return Address(display_name=one_line(name), username=username, domain=domain)


class _EncodedSubject(str):
    """A non-ASCII Subject, folded by the compat32 encoder.

    Python 3.11's modern folder leaves the space between two RFC 2047 encoded words
    outside them, where every decoder drops it ("and émigrés" reads "andémigrés");
    ``email.header.Header`` keeps it inside. A str subclass with ``name`` and ``fold``
    is stored and folded as is by ``EmailPolicy`` and still reads as its text.
    """

    name = "Subject"

    def fold(self, *, policy: Any) -> str:
        value = Header(str(self), "utf-8", header_name=self.name).encode(linesep=policy.linesep)
        return f"{self.name}: {value}{policy.linesep}"


@dataclass(frozen=True)
class Letter:
    """What goes into one message, besides the recipient."""

    sender: str
    subject: str
    text: str
    html: str
    digest_hash: str
    date: datetime
    title: str = "Policy digest"
    unsubscribe: Sequence[str] = ()  # this recipient's List-Unsubscribe URIs, in order
    list_id: str = ""
    one_click: bool = False  # RFC 8058: the first https URI takes a one-click POST


def build_message(letter: Letter, recipient: str) -> EmailMessage:
    """The multipart/alternative message of ``letter`` for ``recipient``."""
    msg = EmailMessage(policy=SMTP)
    msg["From"] = _address_header(letter.sender)
    msg["To"] = _address_header(recipient)
    subject = one_line(letter.subject, MAX_SUBJECT)
    msg["Subject"] = subject if subject.isascii() else _EncodedSubject(subject)
    msg["Date"] = format_datetime(letter.date)
    msg["Message-ID"] = message_id(letter.digest_hash, recipient, domain_of(letter.sender))
    msg["List-Id"] = one_line(letter.list_id) if letter.list_id else list_id(letter.title, letter.sender)
    if letter.unsubscribe:
        uris = [one_line(u).replace("<", "%3C").replace(">", "%3E") for u in letter.unsubscribe]
        msg["List-Unsubscribe"] = ", ".join(f"<{u}>" for u in uris)
        if letter.one_click and any(u.lower().startswith("https://") for u in uris):
            msg["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"  # RFC 8058
    msg["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation replies
    msg["X-Auto-Response-Suppress"] = "All"
    msg.set_content(letter.text, subtype="plain", charset="utf-8", cte="quoted-printable")
    msg.add_alternative(letter.html, subtype="html", charset="utf-8", cte="quoted-printable")
    # a boundary made from the Message-ID, not at random: the same letter is the same bytes,
    # so 'run --preview' shows exactly what the run sends (quoted-printable never holds '==_')
    msg.set_boundary("==_pb_" + hashlib.sha256(str(msg["Message-ID"]).encode()).hexdigest()[:32])
    return msg


def message_bytes(msg: EmailMessage) -> bytes:
    """The wire form: CRLF line ends, 7-bit clean."""
    return msg.as_bytes(policy=SMTP)
