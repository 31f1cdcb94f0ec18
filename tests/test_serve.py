"""Issue 19 end to end, with real parts only: a real SMTP server (aiosmtpd), `policybrief
serve` as a real process on 127.0.0.1 with a real HTTP client, the real state file, a
headless Chromium for the archived page, and dkimpy verifying the signature against a key
made here.

The config's ``server.base_url`` is https://briefs.example.org (so one-click applies); the
tests play the reverse proxy by sending each mailed URL's path to the local server.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import dkim
import httpx
import pytest
from typer.testing import CliRunner

from policybrief import mailing
from policybrief.cli import app
from policybrief.config import load
from policybrief.errors import ExitCode
from policybrief.mailing.state import State
from policybrief.mailing.subscribers import unsubscribed
from smtp_server import SmtpServer, body, closed_port, parse, write_article, write_config

SECRET = "test-secret-0123456789abcdef"
BASE = "https://briefs.example.org"
NOW = datetime(2025, 5, 1, 7, 0, tzinfo=ZoneInfo("Asia/Taipei"))
CLI = [sys.executable, "-c", "from policybrief.cli import main; main()"]
A, B = "a@example.org", "b@example.org"


def no_sleep(_: float) -> None:
    return None


def make_key(folder: Path) -> tuple[Path, bytes]:
    """An RSA key for the test (made here, never committed): (PEM file, DNS TXT record)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    path = folder / "dkim.pem"
    path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                       serialization.PrivateFormat.TraditionalOpenSSL,
                                       serialization.NoEncryption()))
    public = key.public_key().public_bytes(serialization.Encoding.DER,
                                           serialization.PublicFormat.SubjectPublicKeyInfo)
    import base64

    return path, b"v=DKIM1; k=rsa; p=" + base64.b64encode(public)


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    with SmtpServer() as server:
        yield server


@pytest.fixture
def site(tmp_path: Path, smtp: SmtpServer) -> tuple[Path, bytes]:
    """Two articles, two recipients, base_url and DKIM: (config file, the key's TXT record)."""
    write_article(tmp_path / "articles", "chips")
    write_article(tmp_path / "articles", "water")
    key, txt = make_key(tmp_path)
    extra = (f'\n[server]\nbase_url = "{BASE}"\n\n[dkim]\nselector = "pb"\n'
             f'domain = "example.org"\nkey_file = "{key.name}"\n')
    path = write_config(tmp_path, smtp.port, to=(A, B), extra="")
    path.write_text(path.read_text("utf-8") + extra, encoding="utf-8")
    return path, txt


def env() -> dict[str, str]:
    return {**os.environ, "POLICYBRIEF_SECRET": SECRET}


class Served:
    """`policybrief serve` in its own process on 127.0.0.1 (a free port)."""

    def __init__(self, config: Path) -> None:
        self.proc = subprocess.Popen([*CLI, "serve", "--config", str(config), "--listen",
                                      "127.0.0.1:0"], stderr=subprocess.PIPE, text=True,
                                     stdin=subprocess.DEVNULL, env=env())
        assert self.proc.stderr is not None
        line = self.proc.stderr.readline()
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert found, line + self.proc.stderr.read()
        self.url = f"http://127.0.0.1:{found.group(1)}"
        self.client = httpx.Client(base_url=self.url, trust_env=False, timeout=10)
        deadline = time.monotonic() + 15
        while True:
            try:
                if self.client.get("/healthz").status_code == 200:
                    break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def local(self, public: str) -> str:
        """A public URL's path, as the reverse proxy would pass it on."""
        assert public.startswith(BASE + "/")
        return urlsplit(public).path

    def stop(self) -> None:
        self.client.close()
        self.proc.terminate()
        self.proc.wait(timeout=10)
        assert self.proc.stderr is not None
        self.proc.stderr.close()


@pytest.fixture
def served(site: tuple[Path, bytes]) -> Iterator[Served]:
    server = Served(site[0])
    try:
        yield server
    finally:
        server.stop()


def unsubscribe_url(data: bytes) -> str:
    msg = parse(data)
    uris = re.findall(r"<([^>]+)>", str(msg["List-Unsubscribe"]))
    assert uris[1] == "mailto:briefs@example.org?subject=unsubscribe"
    return str(uris[0])


def by_recipient(smtp: SmtpServer) -> dict[str, bytes]:
    return {r.rcpt_tos[0]: r.data for r in smtp.handler.received}


def unsigned(data: bytes) -> bytes:
    """The message without its DKIM-Signature header (the first, folded, header)."""
    assert data.startswith(b"DKIM-Signature:")
    return re.sub(rb"\ADKIM-Signature:.*?\r\n(?=\S)", b"", data, flags=re.S)


def config_of(site: tuple[Path, bytes]):  # type: ignore[no-untyped-def]
    return load(site[0], env={"POLICYBRIEF_SECRET": SECRET})


# --- unsubscribe, end to end --------------------------------------------------------------

def test_one_click_unsubscribes_exactly_one_reader_and_the_next_run_skips_only_them(
        site: tuple[Path, bytes], smtp: SmtpServer, served: Served) -> None:
    config = config_of(site)
    assert mailing.run(config, now=NOW, sleep=no_sleep).exit_code == ExitCode.OK
    mails = by_recipient(smtp)
    url_a, url_b = unsubscribe_url(mails[A]), unsubscribe_url(mails[B])
    assert url_a != url_b and url_a.startswith(f"{BASE}/unsubscribe/")
    for address, url in ((A, url_a), (B, url_b)):
        msg = parse(mails[address])
        assert "example.org" not in url.rsplit("/", 1)[1] and "a@" not in url  # no address
        assert msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert url in body(msg, "plain") and f'href="{url}"' in body(msg, "html")  # visible

    # a GET (a link scanner, a preview) shows a page with a button and changes nothing
    page = served.client.get(served.local(url_a))
    assert page.status_code == 200 and '<form method="post"' in page.text
    assert page.headers["referrer-policy"] == "no-referrer"
    # forged and altered tokens are refused, GET or POST, and change nothing
    token = url_a.rsplit("/", 1)[1]
    altered = token[:-1] + ("A" if token[-1] != "A" else "B")
    for bad in (altered, "x" * 22, token + "x"):
        assert served.client.get(f"/unsubscribe/{bad}").status_code == 404
        assert served.client.post(f"/unsubscribe/{bad}",
                                  data={"List-Unsubscribe": "One-Click"}).status_code == 404
    assert served.client.post(served.local(url_a), data={}).status_code == 400
    with State.open(config.state) as st:
        assert unsubscribed(st) == {}

    # RFC 8058 one-click, as a mailbox provider sends it (multipart/form-data)
    done = served.client.post(served.local(url_a), files={"List-Unsubscribe": (None, "One-Click")})
    assert done.status_code == 200 and "unsubscribed" in done.text
    with State.open(config.state) as st:
        assert set(unsubscribed(st)) == {A}

    write_article(site[0].parent / "articles", "schools")
    smtp.handler.received.clear()
    report = mailing.run(config, sleep=no_sleep)
    assert report.exit_code == ExitCode.OK
    assert [r.rcpt_tos for r in smtp.handler.received] == [[B]]

    status = CliRunner().invoke(app, ["status", "--config", str(site[0]), "--json"],
                                env={"POLICYBRIEF_SECRET": SECRET})
    assert [u["address"] for u in json.loads(status.stdout)["unsubscribed"]] == [A]

    again = CliRunner().invoke(app, ["subscribe", A, "--config", str(site[0])])
    assert again.exit_code == 0 and "subscribed" in again.stdout
    write_article(site[0].parent / "articles", "ports")
    smtp.handler.received.clear()
    mailing.run(config, sleep=no_sleep)
    assert sorted(r.rcpt_tos[0] for r in smtp.handler.received) == [A, B]


def test_an_unsubscription_drops_the_readers_copy_waiting_in_the_outbox(
        site: tuple[Path, bytes], smtp: SmtpServer, served: Served, tmp_path: Path) -> None:
    config = config_of(site)
    down = load(site[0], env={"POLICYBRIEF_SECRET": SECRET,
                              "POLICYBRIEF_SMTP_PORT": str(closed_port())})
    assert mailing.run(down, sleep=no_sleep).exit_code == ExitCode.ERROR  # both wait
    with State.open(config.state) as st:
        stored = {d.recipient: d.message for d in st.outbox()}
    url_a = unsubscribe_url(stored[A])
    # the preview of the next run is the outbox, byte for byte, and nothing new
    before = mailing.preview(config, tmp_path / "before")
    assert [p.read_bytes() for p in before] == [stored[A], stored[B]]
    assert served.client.post(served.local(url_a),
                              data={"List-Unsubscribe": "One-Click"}).status_code == 200
    after = mailing.preview(config, tmp_path / "after")
    assert [p.read_bytes() for p in after] == [stored[B]]
    report = mailing.run(config, sleep=no_sleep)
    assert [o.recipient for o in report.outcomes] == [B]
    assert [r.rcpt_tos for r in smtp.handler.received] == [[B]]


def test_the_mailto_way_keeps_working_through_the_cli(site: tuple[Path, bytes],
                                                     smtp: SmtpServer) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["unsubscribe", "B <B@Example.org>", "--config", str(site[0])])
    assert result.exit_code == 0 and result.stdout.strip() == f"{B}: unsubscribed"
    mailing.run(config_of(site), sleep=no_sleep)
    assert [r.rcpt_tos for r in smtp.handler.received] == [[A]]


# --- the archive and the message -----------------------------------------------------------

def test_the_archive_lists_the_digest_and_its_page_opens_in_a_browser(
        site: tuple[Path, bytes], smtp: SmtpServer, served: Served) -> None:
    from test_browser import Browser, chromium

    empty = served.client.get("/")
    assert empty.status_code == 200 and "No digest has been delivered yet" in empty.text
    mailing.run(config_of(site), now=NOW, sleep=no_sleep)
    msg = parse(by_recipient(smtp)[A])
    view = re.search(r"View in browser: (\S+)", body(msg, "plain"))
    assert view and f'href="{view.group(1)}"' in body(msg, "html")
    index = served.client.get("/")
    key = view.group(1).rsplit("/", 1)[1]
    assert f'href="digest/{key}"' in index.text and "Policy digest 1 May 2025" in index.text
    page = served.client.get(served.local(view.group(1)))
    assert page.status_code == 200 and "Taiwan should expand its chip export controls" in page.text
    assert "/unsubscribe/" not in page.text  # the archive shows nobody's own link
    assert served.client.get("/digest/0123456789abcdef").status_code == 404

    chromium()
    browser = Browser()
    try:
        session = browser.open(served.url + served.local(view.group(1)), 640)
        text = browser.evaluate("document.body.innerText", session)
        assert "Cities must prepare for summer droughts" in text
        browser.send("Emulation.setEmulatedMedia", {"features": [
            {"name": "prefers-color-scheme", "value": "dark"}]}, session)
        colours = browser.evaluate(
            "JSON.stringify([getComputedStyle(document.querySelector('.title')).color,"
            "getComputedStyle(document.querySelector('.masthead')).backgroundColor,"
            "getComputedStyle(document.querySelector('.brief')).backgroundColor])", session)
    finally:
        browser.close()
    title, masthead, brief = json.loads(colours)
    assert title == "rgb(255, 255, 255)" and masthead == "rgb(19, 41, 75)"  # still legible
    assert brief == "rgb(22, 27, 34)"  # the dark palette is in force


def test_every_in_message_link_has_an_anchor_target_and_no_part_shows_a_local_path(
        site: tuple[Path, bytes], smtp: SmtpServer) -> None:
    mailing.run(config_of(site), now=NOW, sleep=no_sleep)
    data = by_recipient(smtp)[A]
    msg = parse(data)
    html, text = body(msg, "html"), body(msg, "plain")
    targets = re.findall(r'href="#([^"]+)"', html)
    assert targets
    for target in targets:
        assert re.search(rf'<a [^>]*name="{re.escape(target)}"', html), target
        assert re.search(rf'<a [^>]*id="{re.escape(target)}"', html), target
    folder = str(site[0].parent)
    for part in (html, text, data.decode("ascii")):
        assert folder not in part and "/articles/" not in part
    assert "chips.txt" in text and "chips.txt" in html  # the file's name instead
    preheader = re.search(r'<div class="preheader" style="([^"]*)">', html)
    assert preheader and "color" not in preheader.group(1)  # no low-contrast hidden text
    assert "Unsubscribe" in text and ">Unsubscribe</a>" in html


def test_the_dkim_signature_verifies_and_covers_both_list_unsubscribe_headers(
        site: tuple[Path, bytes], smtp: SmtpServer) -> None:
    mailing.run(config_of(site), now=NOW, sleep=no_sleep)
    data = by_recipient(smtp)[A]
    txt = site[1]

    def dns(name: bytes, timeout: int = 5) -> bytes:
        assert name == b"pb._domainkey.example.org."
        return txt

    assert dkim.verify(data, dnsfunc=dns)
    signed = re.search(rb"\bh=([^;]+);", parse(data)["DKIM-Signature"].encode())
    assert signed
    heads = {h.strip().lower() for h in re.sub(rb"\s", b"", signed.group(1)).split(b":")}
    assert {b"from", b"subject", b"date", b"message-id", b"list-id", b"list-unsubscribe",
            b"list-unsubscribe-post"} <= heads
    tampered = data.replace(b"/unsubscribe/", b"/unsubscrib3/", 1)
    assert not dkim.verify(tampered, dnsfunc=dns)


# --- operators ----------------------------------------------------------------------------

def test_preview_writes_exactly_what_the_run_then_sends(site: tuple[Path, bytes],
                                                        smtp: SmtpServer, tmp_path: Path) -> None:
    config = config_of(site)
    written = mailing.preview(config, tmp_path / "preview", now=NOW)
    assert [p.name for p in written] == [f"01-{A}.eml", f"02-{B}.eml"]
    assert smtp.handler.received == [] and not config.state.exists()  # nothing sent or kept
    mailing.run(config, now=NOW, sleep=no_sleep)
    sent = by_recipient(smtp)
    for path, address in zip(written, (A, B), strict=True):
        # byte for byte, but for the DKIM signature: it holds the time it was made (t=)
        previewed, mailed = unsigned(path.read_bytes()), unsigned(sent[address])
        assert previewed.rstrip(b"\r\n") == mailed.rstrip(b"\r\n")


def test_cli_preview_then_send_test_reaches_one_address_and_records_nothing(
        site: tuple[Path, bytes], smtp: SmtpServer, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = subprocess.run([*CLI, "run", "--config", str(site[0]), "--preview", str(out)],
                            capture_output=True, text=True, env=env(), check=False)
    assert result.returncode == 0, result.stderr
    first = parse((out / f"01-{A}.eml").read_bytes())
    assert first["List-Id"] and first["DKIM-Signature"] and first["List-Unsubscribe-Post"]
    result = subprocess.run([*CLI, "send", "--config", str(site[0]), "--test", "me@example.org"],
                            capture_output=True, text=True, env=env(), check=False)
    assert result.returncode == 0, result.stderr
    assert [r.rcpt_tos for r in smtp.handler.received] == [["me@example.org"]]
    assert not load(site[0], env={}).state.exists()  # type: ignore[union-attr]


def test_send_dry_run_carries_the_configs_list_id_and_unsubscribe(site: tuple[Path, bytes],
                                                                 tmp_path: Path) -> None:
    articles = str(site[0].parent / "articles" / "chips.txt")
    result = subprocess.run([*CLI, "send", articles, "--config", str(site[0]), "--to",
                             "c@example.org", "--dry-run", str(tmp_path / "dry")],
                            capture_output=True, text=True, env=env(), check=False)
    assert result.returncode == 0, result.stderr
    msg = parse((tmp_path / "dry" / "01-c@example.org.eml").read_bytes())
    assert msg["List-Id"] == "Policy digest <policy-digest.example.org>"
    assert f"{BASE}/unsubscribe/" in msg["List-Unsubscribe"]


def test_serve_errors_are_one_line(site: tuple[Path, bytes]) -> None:
    no_secret = {k: v for k, v in os.environ.items() if k != "POLICYBRIEF_SECRET"}
    result = subprocess.run([*CLI, "serve", "--config", str(site[0])], capture_output=True,
                            text=True, env=no_secret, check=False, stdin=subprocess.DEVNULL)
    assert result.returncode == ExitCode.USAGE
    [line] = result.stderr.strip().splitlines()
    assert "POLICYBRIEF_SECRET is not set" in line and "export" in line
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = subprocess.run([*CLI, "serve", "--config", str(site[0]), "--listen",
                                 f"127.0.0.1:{port}"], capture_output=True, text=True,
                                env=env(), check=False, stdin=subprocess.DEVNULL, timeout=30)
    assert result.returncode == ExitCode.ERROR
    [line] = result.stderr.strip().splitlines()
    assert f"cannot listen on 127.0.0.1:{port}" in line


def test_a_run_without_the_secret_sends_nothing(site: tuple[Path, bytes], smtp: SmtpServer
                                                ) -> None:
    result = CliRunner().invoke(app, ["run", "--config", str(site[0])],
                                env={"POLICYBRIEF_SECRET": ""})
    assert result.exit_code == ExitCode.USAGE and "POLICYBRIEF_SECRET" in result.output
    assert smtp.handler.received == []



def test_spamassassin_local_rules_score_the_message_zero(site: tuple[Path, bytes],
                                                         smtp: SmtpServer) -> None:
    """No local rule fires (the old preheader cost +0.7 for HTML_FONT_LOW_CONTRAST). Only
    where SpamAssassin is installed (Debian: apt-get install spamassassin)."""
    import shutil

    if not shutil.which("spamassassin"):
        pytest.skip("spamassassin is not installed (apt-get install spamassassin)")
    mailing.run(config_of(site), now=NOW, sleep=no_sleep)
    result = subprocess.run(["spamassassin", "-L", "-t"], input=by_recipient(smtp)[A],
                            capture_output=True, check=False, timeout=120)
    report = result.stdout.decode("utf-8", "replace")
    found = re.search(r"Content analysis details:\s+\((-?[\d.]+) points", report)
    assert found, report[-2000:]
    assert float(found.group(1)) <= 0.0, report.split("Content analysis details", 1)[1]
