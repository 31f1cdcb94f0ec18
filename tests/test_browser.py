"""The seeds HTML digest in a real headless Chromium, at 640 px and at 375 px (a phone).

No driver library: the test speaks the Chrome DevTools Protocol to Chromium over
``--remote-debugging-pipe`` (NUL-separated JSON on file descriptors 3 and 4). Each width is
emulated with ``Emulation.setDeviceMetricsOverride`` (375 px as a mobile device, so the
viewport meta tag counts), measured with ``Runtime.evaluate`` and photographed at full height
with ``Page.captureScreenshot``; the pictures are kept in tests/artifacts/ for a person to
look at. The PNGs are decoded with zlib (stdlib) to check they are not blank.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from policybrief.cli import app

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
WIDTHS = (640, 375)
TIMEOUT = 30.0
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--hide-scrollbars", "--mute-audio", "--remote-debugging-pipe"]
TRAMPOLINE = ("import os, sys; os.dup2(int(sys.argv[1]), 3); os.dup2(int(sys.argv[2]), 4); "
              "os.execv(sys.argv[3], sys.argv[3:])")
MEASURE = """JSON.stringify({scrollWidth: document.documentElement.scrollWidth,
  clientWidth: document.documentElement.clientWidth,
  height: document.documentElement.scrollHeight, text: document.body.innerText})"""


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("no headless Chromium here (Debian: apt-get install chromium); CI installs it")


class Browser:
    """A headless Chromium driven over the DevTools pipe: just what this test needs."""

    def __init__(self) -> None:
        self.profile = tempfile.mkdtemp(prefix="pb-chromium-")
        to_child, self._out = os.pipe()
        self._in, from_child = os.pipe()

        # Chromium reads commands on fd 3 and writes replies on fd 4: a tiny trampoline
        # moves the pipes there and execs it (no preexec_fn, which is unsafe with threads)
        self.proc = subprocess.Popen(
            [sys.executable, "-c", TRAMPOLINE, str(to_child), str(from_child), chromium(),
             *FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
            pass_fds=(to_child, from_child), stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_child)
        os.close(from_child)
        self._buffer = b""
        self._id = 0
        self.events: list[dict[str, Any]] = []

    def _read(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            if time.monotonic() > deadline:
                raise TimeoutError("chromium did not answer")
            chunk = os.read(self._in, 1 << 16)
            if not chunk:
                raise RuntimeError("chromium closed the DevTools pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        message: dict[str, Any] = json.loads(raw)
        return message

    def send(self, method: str, params: dict[str, Any] | None = None,
             session: str | None = None) -> dict[str, Any]:
        self._id += 1
        message: dict[str, Any] = {"id": self._id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._out, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + TIMEOUT
        while True:
            reply = self._read(deadline)
            if reply.get("id") == self._id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                result: dict[str, Any] = reply["result"]
                return result
            self.events.append(reply)

    def wait_for(self, event: str, session: str) -> None:
        deadline = time.monotonic() + TIMEOUT
        while True:
            for i, seen in enumerate(self.events):
                if seen.get("method") == event and seen.get("sessionId") == session:
                    del self.events[i]
                    return
            self.events.append(self._read(deadline))

    def open(self, url: str, width: int) -> str:
        """A new tab of ``width`` CSS pixels (a phone below 600), showing ``url``."""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})
        sid = str(session["sessionId"])
        self.send("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": 900, "deviceScaleFactor": 1,
                   "mobile": width < 600}, sid)
        self.send("Page.enable", {}, sid)
        self.send("Page.navigate", {"url": url}, sid)
        self.wait_for("Page.loadEventFired", sid)
        return sid

    def evaluate(self, expression: str, session: str) -> Any:
        result = self.send("Runtime.evaluate", {"expression": expression,
                                                "returnByValue": True}, session)
        return result["result"]["value"]

    def screenshot(self, session: str, width: int, height: int) -> bytes:
        shot = self.send("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}}, session)
        return base64.b64decode(shot["data"])

    def close(self) -> None:
        try:
            self.send("Browser.close")
            self.proc.wait(timeout=10)
        except (OSError, RuntimeError, TimeoutError, subprocess.TimeoutExpired):
            self.proc.kill()
            self.proc.wait()
        finally:
            os.close(self._in)
            os.close(self._out)
            shutil.rmtree(self.profile, ignore_errors=True)


def decode_png(data: bytes) -> tuple[int, int, list[bytes]]:
    """(width, height, pixel rows as RGB(A) bytes) of an 8-bit, non-interlaced PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat = 8, []
    width = height = bpp = 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and interlace == 0 and colour in (2, 6), "unexpected PNG type"
            bpp = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat.append(body)
        pos += 12 + length
    raw = zlib.decompress(b"".join(idat))
    stride = width * bpp
    rows: list[bytes] = []
    prev = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind_byte, cur = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        if kind_byte == 1:
            for i in range(bpp, stride):
                cur[i] = (cur[i] + cur[i - bpp]) & 255
        elif kind_byte == 2:
            cur = bytearray((a + b) & 255 for a, b in zip(cur, prev, strict=True))
        elif kind_byte in (3, 4):
            for i in range(stride):
                a = cur[i - bpp] if i >= bpp else 0
                b = prev[i]
                if kind_byte == 3:
                    cur[i] = (cur[i] + ((a + b) >> 1)) & 255
                    continue
                c = prev[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                cur[i] = (cur[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(cur))
        prev = cur
    return width, height, rows


def pixel_stats(rows: list[bytes], bpp: int) -> tuple[int, float]:
    """(distinct colours, share of pixels unlike the most common one), on a sample."""
    counts: dict[bytes, int] = {}
    for row in rows[::4]:
        for x in range(0, len(row), bpp * 2):
            pixel = row[x:x + 3]
            counts[pixel] = counts.get(pixel, 0) + 1
    total = sum(counts.values())
    return len(counts), 1 - max(counts.values()) / total


@pytest.fixture(scope="module")
def page() -> Iterator[Path]:
    chromium()
    runner = CliRunner()
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)
        result = runner.invoke(app, ["digest", "seeds/", "--format", "html", "--workers", "1"])
    assert result.exit_code == 0, result.output
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / "digest.html"
    path.write_text(result.stdout, encoding="utf-8")
    yield path


@pytest.fixture(scope="module")
def rendered(page: Path) -> Iterator[dict[int, dict[str, Any]]]:
    """For each width: the page's measures and rendered text, and its screenshot's path."""
    browser = Browser()
    try:
        found: dict[int, dict[str, Any]] = {}
        for width in WIDTHS:
            session = browser.open(page.as_uri(), width)
            probe = json.loads(browser.evaluate(MEASURE, session))
            shot = ARTIFACTS / f"digest-{width}.png"
            shot.write_bytes(browser.screenshot(session, width, int(probe["height"])))
            found[width] = {**probe, "screenshot": shot}
        yield found
    finally:
        browser.close()


def brief_titles() -> list[str]:
    from policybrief.pipeline import Options, build_briefs

    titles = [getattr(b, "title", None) for b in build_briefs([str(ROOT / "seeds")],
                                                              Options(workers=1))]
    assert all(titles)
    return [str(t) for t in titles]


@pytest.mark.parametrize("width", WIDTHS)
def test_no_horizontal_scroll(rendered: dict[int, dict[str, Any]], width: int) -> None:
    probe = rendered[width]
    assert probe["clientWidth"] == width
    assert probe["scrollWidth"] <= probe["clientWidth"], "the page scrolls sideways"


@pytest.mark.parametrize("width", WIDTHS)
def test_every_brief_title_is_shown(rendered: dict[int, dict[str, Any]], width: int) -> None:
    text = " ".join(str(rendered[width]["text"]).split())
    for title in brief_titles():
        assert title in text, title
    assert "THE TOP LINE" in text.upper() and "SOURCES" in text.upper()


@pytest.mark.parametrize("width", WIDTHS)
def test_screenshot_is_not_blank(rendered: dict[int, dict[str, Any]], width: int) -> None:
    data = rendered[width]["screenshot"].read_bytes()
    shot_width, height, rows = decode_png(data)
    assert shot_width == width and height > 1500
    bpp = len(rows[0]) // shot_width
    colours, ink = pixel_stats(rows, bpp)
    assert colours > 50, f"only {colours} colours: the page looks blank"
    assert ink > 0.05, f"only {ink:.1%} of the page differs from its background"
    # the text column fills the width: the right half is not empty either
    right = [row[len(row) // 2:] for row in rows]
    assert pixel_stats(right, bpp)[0] > 20
