"""Which address a request comes from, for the per-address limits.

Only the real request counts: the TCP peer aiohttp accepted, or, when that peer is a
configured trusted proxy (``--trusted-proxy``), the address the proxy says it forwarded
for in ``X-Forwarded-For``. Nothing a client sends over an open connection is ever read.

``X-Forwarded-For`` is a list each proxy appends its peer to, and anyone may send the
header with made-up entries on the left. So the list is read from the right: the proxy
we trust wrote the last entry, and we skip entries that are themselves trusted proxies;
the first entry that is not is the client (nginx ``real_ip_recursive`` does the same).

An IPv6 client is counted per /64 network: a single home or office gets a whole /64 and
could otherwise take a fresh address for every guess.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

from aiohttp import web

from .environ import SESSION_ADDRESS

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network

UNKNOWN = "unknown"
_REQUEST_KEY = web.RequestKey("client_address", str)


def parse_networks(values: Iterable[str]) -> tuple[Network, ...]:
    """Addresses or CIDR networks, each value possibly a comma-separated list."""
    networks: list[Network] = []
    for value in values:
        for part in value.replace(",", " ").split():
            try:
                networks.append(ipaddress.ip_network(part, strict=False))
            except ValueError:
                raise ValueError(f"{part!r} is not an IP address or network") from None
    return tuple(networks)


def parse_ip(text: str) -> IPAddress | None:
    """An address as a peer or a forwarding header writes it (``[v6]:port`` too)."""
    text = text.strip()
    if text.startswith("[") and "]" in text:
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # IPv4 with a port
        text = text.partition(":")[0]
    try:
        ip = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    return ip


def address_key(ip: IPAddress | None) -> str:
    if ip is None:
        return UNKNOWN
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


class AddressResolver:
    """Finds the client address of a request, trusting forwarding headers only from
    ``trusted`` proxies."""

    def __init__(self, trusted: Iterable[Network] = ()) -> None:
        self.trusted = tuple(trusted)

    def is_trusted(self, ip: IPAddress | None) -> bool:
        return ip is not None and any(ip in network for network in self.trusted)

    def peer_is_trusted(self, request: web.BaseRequest) -> bool:
        return self.is_trusted(parse_ip(request.remote or ""))

    def client_ip(self, request: web.BaseRequest) -> IPAddress | None:
        peer = parse_ip(request.remote or "")
        if not self.is_trusted(peer):
            return peer
        client = peer
        hops = [
            hop
            for header in request.headers.getall("X-Forwarded-For", ())
            for hop in header.split(",")
        ]
        for hop in reversed(hops):
            ip = parse_ip(hop)
            if ip is None:
                break  # garbage left of the last good entry: the last good one is the client
            client = ip
            if not self.is_trusted(ip):
                break
        return client

    def of(self, request: web.BaseRequest) -> str:
        """The key the per-address limits count this request under."""
        cached = request.get(_REQUEST_KEY)
        if cached is not None:
            return str(cached)
        key = address_key(self.client_ip(request))
        request[_REQUEST_KEY] = key
        return key

    def of_environ(self, environ: object) -> str:
        """The address of the Engine.IO environ of a connection (as the server holds it:
        worked out at its handshake, ``environ.session``) or of a request's environ."""
        if isinstance(environ, dict):
            address = environ.get(SESSION_ADDRESS)
            if isinstance(address, str):
                return address
        request = environ.get("aiohttp.request") if isinstance(environ, dict) else None
        if not isinstance(request, web.BaseRequest):
            return UNKNOWN
        return self.of(request)
