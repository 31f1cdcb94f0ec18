"""A real HTTP server on 127.0.0.1 for the web-ingest tests: routes the tests define.

``Site`` runs a ``ThreadingHTTPServer`` on a random loopback port in a thread. Each route
answers with a status, headers and body, or runs a handler; the site counts hits per path,
keeps each request's headers, and answers conditional GETs (ETag / Last-Modified) with 304
when a route has validators. A second site on 127.0.0.2 stands for another (internal)
host. Nothing here ever leaves 127.0.0.0/8.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Handler = Callable[[BaseHTTPRequestHandler, "Site"], None]


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    handler: Handler | None = None


@dataclass
class Hit:
    path: str
    headers: dict[str, str]
    at: float
    status: int = 0


class Site:
    """The server and what it saw. Use as a context manager (the ``site`` fixture does)."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.routes: dict[str, Route] = {}
        self.hits: list[Hit] = []
        self.stop = threading.Event()  # wakes sleeping handlers at teardown
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer((host, 0), _handler_class(self))
        self.server.daemon_threads = True
        self.server.block_on_close = False
        self.thread = threading.Thread(target=self.server.serve_forever,
                                       kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def base(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, path: str, body: bytes | str = b"", **options: object) -> str:
        """Serve ``body`` at ``path``; returns the full URL."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = Route(body=data, **options)  # type: ignore[arg-type]
        return self.url(path)

    def count(self, path: str) -> int:
        with self.lock:
            return sum(1 for h in self.hits if h.path == path)

    def statuses(self, path: str) -> Counter[int]:
        with self.lock:
            return Counter(h.status for h in self.hits if h.path == path)

    def __enter__(self) -> Site:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


def _handler_class(site: Site) -> type[BaseHTTPRequestHandler]:
    class RequestHandler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            hit = Hit(path, {k.lower(): v for k, v in self.headers.items()}, time.monotonic())
            with site.lock:
                site.hits.append(hit)
            route = site.routes.get(path)
            if route is None:
                hit.status = 404
                self.answer(404, b"<html><body><h1>Not found</h1></body></html>")
                return
            if route.handler is not None:
                hit.status = -1
                route.handler(self, site)
                return
            extra = dict(route.headers)
            if route.etag:
                extra["ETag"] = route.etag
            if route.last_modified:
                extra["Last-Modified"] = route.last_modified
            if (route.etag and hit.headers.get("if-none-match") == route.etag) or (
                    route.last_modified and not route.etag
                    and hit.headers.get("if-modified-since") == route.last_modified):
                hit.status = 304
                self.answer(304, b"", extra=extra)
                return
            hit.status = route.status
            self.answer(route.status, route.body, route.content_type, extra)

        def answer(self, status: int, body: bytes, content_type: str = "text/html",
                   extra: dict[str, str] | None = None) -> None:
            self.send_response(status)
            if status != 304:
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
            for key, value in (extra or {}).items():
                self.send_header(key, value)
            self.end_headers()
            if status != 304:
                self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            return None

        def handle_one_request(self) -> None:
            try:
                super().handle_one_request()
            except (BrokenPipeError, ConnectionResetError):  # the client gave up: expected
                self.close_connection = True

    return RequestHandler


def http_date(when: float | None = None) -> str:
    return formatdate(when if when is not None else time.time(), usegmt=True)
