"""Where the web stage may connect: the address check, made before any socket is opened.

A URL the user gave (on the command line or in ``sources``) may point anywhere, an intranet
feed included, and so may links from it to that same host. Every other URL — feed entry
links, OPML entries, redirects, anything found in a page — is resolved first, and refused
when any address it resolves to is private, loopback, link-local (the cloud metadata
address 169.254.169.254 among them), multicast, reserved or unspecified, IPv4 and IPv6
alike (IPv4-mapped IPv6 is judged as the IPv4 it maps). The request then goes to the very
address that was checked (``Target.address``), so a second DNS answer cannot swap in
another (no rebinding window).

More hosts can be allowed explicitly: names (``intranet.example.org``), addresses
(``10.0.0.7``) or networks (``10.0.0.0/8``), from ``POLICYBRIEF_ALLOW_HOSTS`` or the
config's ``web.allow_hosts``.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..errors import IngestError, IngestWarning

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolver = Callable[[str, int], list[str]]
ALLOW_ENV = "POLICYBRIEF_ALLOW_HOSTS"


def internal_rule(address: IPAddress) -> str | None:
    """The rule an address falls under when it is not a public one, else None."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return internal_rule(address.ipv4_mapped)
    for rule, hit in (
        ("loopback", address.is_loopback),
        ("link-local", address.is_link_local),
        ("unspecified", address.is_unspecified),
        ("multicast", address.is_multicast),
        ("reserved", address.is_reserved),
        ("private", address.is_private),
    ):
        if hit:
            return rule
    if not address.is_global:  # e.g. 100.64.0.0/10 (shared address space)
        return "not public"
    return None


@dataclass(frozen=True)
class Allowed:
    """Hosts the user allowed explicitly: names, addresses and networks."""

    names: frozenset[str] = frozenset()
    networks: tuple[IPNetwork, ...] = ()

    @classmethod
    def parse(cls, entries: Iterable[str], where: str = ALLOW_ENV) -> Allowed:
        names: set[str] = set()
        networks: list[IPNetwork] = []
        for raw in entries:
            entry = raw.strip().strip("[]").lower()
            if not entry:
                continue
            try:
                networks.append(ipaddress.ip_network(entry, strict=False))
            except ValueError:
                if any(c.isspace() or c in "/:@" for c in entry):
                    raise IngestError(f"{raw!r} is not a host name, address or network",
                                      subject=where,
                                      hint="give names like intranet.example.org, addresses "
                                           "like 10.0.0.7 or networks like 10.0.0.0/8") from None
                names.add(entry.rstrip("."))
        return cls(frozenset(names), tuple(networks))

    def __or__(self, other: Allowed) -> Allowed:
        return Allowed(self.names | other.names, self.networks + other.networks)

    def host(self, host: str) -> bool:
        return host.lower().rstrip(".") in self.names

    def address(self, address: IPAddress) -> bool:
        return any(address in network for network in self.networks)


def split_hosts(text: str) -> list[str]:
    return text.replace(",", " ").split()


@dataclass(frozen=True)
class Target:
    """Where one request goes: the URL as given, its host, and the address checked."""

    url: str
    host: str
    port: int
    address: str


def default_resolver(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def host_of(url: str) -> str:
    """The URL's host, lower case; "" for a URL too broken to have one."""
    try:
        return (urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:
        return ""


def check(url: str, trusted: frozenset[str], allowed: Allowed,
          resolve: Resolver = default_resolver) -> Target:
    """Resolve ``url``'s host and decide: a ``Target`` pinned to a checked address, or an
    ``IngestError`` naming the rule. ``trusted`` are hosts the user gave (any address goes)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().rstrip(".")
    port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    try:
        literal: IPAddress | None = ipaddress.ip_address(host)
    except ValueError:
        literal = None
    if literal is not None:
        addresses = [str(literal)]
    else:
        try:
            addresses = resolve(host, port)
        except (OSError, UnicodeError) as exc:
            if host in trusted or allowed.host(host):  # e.g. only a proxy resolves it
                return Target(url=url, host=host, port=port, address=host)
            raise IngestError(f"cannot resolve {host}: {getattr(exc, 'strerror', None) or exc}",
                              subject=url, hint="check the URL and your network; a host only "
                              f"a proxy can resolve must be allowed with {ALLOW_ENV}") from exc
        if not addresses:
            raise IngestError(f"{host} has no address", subject=url, hint="check the URL")
    if host not in trusted and not allowed.host(host):
        for text in addresses:
            address = ipaddress.ip_address(text.split("%", 1)[0])
            rule = internal_rule(address)
            if rule is not None and not allowed.address(address):
                raise IngestWarning(
                    f"refused: {host} is a {rule} address ({address}), and this URL was not "
                    "given by you but found in a feed, a list or a redirect",
                    subject=url,
                    hint=f"allow the host with {ALLOW_ENV} or web.allow_hosts if you trust it",
                )
    return Target(url=url, host=host, port=port, address=addresses[0])
