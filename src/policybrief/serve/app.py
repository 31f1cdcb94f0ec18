"""The reader-facing web app (Starlette): one-click unsubscribe and the digest archive.

Routes:

- ``GET /``: the delivered digests, newest first, each linking its permanent page;
- ``GET /digest/<key>``: a digest's HTML (what every email links as "view in browser");
- ``GET /unsubscribe/<token>``: a confirmation page with a button; changes nothing (link
  scanners and previews fetch GETs);
- ``POST /unsubscribe/<token>`` with ``List-Unsubscribe=One-Click`` (RFC 8058, as
  ``application/x-www-form-urlencoded`` or ``multipart/form-data``): records the
  unsubscription and cancels the reader's waiting copies (200);
- ``GET /healthz``: ``ok``.

A token that no known recipient's is refused with 404 and changes nothing. Each request
opens the state file for itself (SQLite, WAL): the app keeps no state between requests.
"""

from __future__ import annotations

import email.parser
import email.policy
from collections.abc import Callable
from urllib.parse import parse_qs

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route

from ..config import Config
from ..mailing.archive import delivered_digests, digest_html
from ..mailing.state import State
from ..mailing.subscribers import known_recipients, recipient_of, unsubscribe
from . import pages

MAX_BODY = 16 * 1024
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",  # the token must not leak to a linked site
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                               "form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
}
PRIVATE = {**HEADERS, "Cache-Control": "no-store"}


def one_click(content_type: str, body: bytes) -> bool:
    """Whether a POST body carries ``List-Unsubscribe=One-Click`` (RFC 8058 §3.1)."""
    kind = content_type.split(";", 1)[0].strip().lower()
    if kind == "multipart/form-data":
        head = f"Content-Type: {content_type}\r\n\r\n".encode("latin-1", "replace")
        msg = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
        for part in msg.walk():
            if part.get_param("name", header="content-disposition") == "List-Unsubscribe":
                value = part.get_payload(decode=True)
                return isinstance(value, bytes) and value.strip() == b"One-Click"
        return False
    fields = parse_qs(body.decode("utf-8", "replace"))
    return fields.get("List-Unsubscribe") == ["One-Click"]


class Site:
    """The endpoints over ``config``'s state file; ``config.secret`` checks the tokens."""

    def __init__(self, config: Config, log: Callable[[str], None] = lambda _: None) -> None:
        self.config = config
        self.title = config.digest.title
        self.secret = config.secret.reveal()
        self.log = log

    def state(self) -> State:
        return State.open(self.config.state)

    def whose(self, token: str) -> str | None:
        """The bare address whose token this is; None for a forged or altered one."""
        if not token or len(token) > 64:
            return None
        with self.state() as state:
            return recipient_of(self.secret, token, known_recipients(state, self.config))

    def index(self, request: Request) -> Response:
        with self.state() as state:
            return HTMLResponse(pages.archive(self.title, delivered_digests(state)),
                                headers=HEADERS)

    def digest(self, request: Request) -> Response:
        with self.state() as state:
            found = digest_html(state, request.path_params["key"])
        if found is None:
            return HTMLResponse(pages.problem("Not found", "There is no such digest."), 404,
                                headers=HEADERS)
        return HTMLResponse(found, headers=HEADERS)

    def ask(self, request: Request) -> Response:
        """GET of an unsubscribe link: a page with a button; nothing is recorded."""
        if self.whose(request.path_params["token"]) is None:
            return _refused()
        return HTMLResponse(pages.confirm(self.title), headers=PRIVATE)

    async def act(self, request: Request) -> Response:
        """POST of an unsubscribe link (one-click, or the page's button)."""
        body = await request.body()
        if len(body) > MAX_BODY or not one_click(request.headers.get("content-type", ""), body):
            return PlainTextResponse("expected List-Unsubscribe=One-Click (RFC 8058)\n", 400,
                                     headers=PRIVATE)
        via = "page" if b"via=page" in body else "one-click"
        token = request.path_params["token"]
        return await run_in_threadpool(self.record, token, via)

    def record(self, token: str, via: str) -> Response:
        address = self.whose(token)
        if address is None:
            return _refused()
        with self.state() as state:
            if unsubscribe(state, address, via):
                self.log(f"a reader unsubscribed ({via})")
        return HTMLResponse(pages.done(self.title), headers=PRIVATE)

    def health(self, request: Request) -> Response:
        return PlainTextResponse("ok\n")


def _refused() -> Response:
    return HTMLResponse(pages.problem("Not a valid link", "This unsubscribe link is not valid. "
                                      "Use the link in your latest email."), 404, headers=PRIVATE)


def make_app(config: Config, log: Callable[[str], None] = lambda _: None) -> Starlette:
    """The app over ``config``'s state file."""
    site = Site(config, log)
    return Starlette(routes=[
        Route("/", site.index), Route("/digest/{key}", site.digest),
        Route("/healthz", site.health),
        Route("/unsubscribe/{token}", site.ask, methods=["GET"]),
        Route("/unsubscribe/{token}", site.act, methods=["POST"]),
    ])
