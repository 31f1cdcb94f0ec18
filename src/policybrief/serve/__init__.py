"""``policybrief serve``: the reader-facing HTTP server (Starlette on uvicorn).

Why this stack: Starlette is the small, maintained ASGI toolkit under FastAPI (routing,
requests, responses; nothing else to learn), and uvicorn its usual production server
(h11, graceful shutdown on SIGTERM, ``--proxy-headers`` for a reverse proxy). Both are
pure Python wheels, so ``pip install policybrief`` stays offline-friendly.

The socket is bound here before uvicorn starts, so a taken port or a bad address is one
clear error (and ``--listen 127.0.0.1:0`` works: the chosen port is logged).
"""

from __future__ import annotations

import socket
from collections.abc import Callable

from ..config import Config
from ..errors import ServeError
from .app import make_app

__all__ = ["bind", "make_app", "serve"]


def bind(listen: str) -> socket.socket:
    """A listening socket on HOST:PORT; errors name the address and the fix."""
    host, _, port_text = listen.rpartition(":")
    host = host.strip("[]")
    try:
        port = int(port_text)
        if not 0 <= port <= 65535:
            raise ValueError(port_text)
    except ValueError:
        raise ServeError(f"{listen!r} is not HOST:PORT", subject="--listen",
                         hint='e.g. "127.0.0.1:8025"') from None
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(128)
    except OSError as exc:
        sock.close()
        raise ServeError(f"cannot listen on {listen}: {exc.strerror or exc}",
                         subject="server.listen",
                         hint="choose a free port, or stop what holds it") from exc
    sock.set_inheritable(True)
    return sock


def serve(config: Config, listen: str | None = None,
          log: Callable[[str], None] = lambda _: None) -> None:
    """Serve until SIGTERM or Ctrl-C. Raises ConfigError, ServeError."""
    import uvicorn

    config.require_secret()
    if not config.secret:
        from ..errors import ConfigError

        raise ConfigError("POLICYBRIEF_SECRET is not set", subject=config.label,
                          hint="export the same POLICYBRIEF_SECRET that 'policybrief run' uses")
    if config.state is None:
        from ..errors import ConfigError

        raise ConfigError("state is empty", subject=config.label,
                          hint='set state = "policybrief.db", the file runs write')
    sock = bind(listen or config.server.listen)
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    log(f"serving {config.state} on http://{shown}:{port}/ "
        f"(public URL: {config.server.base_url or 'server.base_url is not set'})")
    server = uvicorn.Server(uvicorn.Config(
        make_app(config, log), log_level="warning", access_log=False, proxy_headers=True,
        server_header=False, date_header=True))
    server.run(sockets=[sock])
