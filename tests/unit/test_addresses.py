"""How addresses are read and keyed (transport/addresses.py), and the python-engineio
hooks the connection cap relies on (transport/connection_cap.py)."""

from __future__ import annotations

import pytest
import socketio

from game_server.transport.addresses import address_key, parse_ip, parse_networks


def test_addresses_as_peers_and_proxies_write_them() -> None:
    assert str(parse_ip("192.0.2.7")) == "192.0.2.7"
    assert str(parse_ip(" 192.0.2.7:5123 ")) == "192.0.2.7"
    assert str(parse_ip("[2001:db8::1]:443")) == "2001:db8::1"
    assert str(parse_ip("::ffff:192.0.2.7")) == "192.0.2.7"  # IPv4 seen through IPv6
    for nonsense in ("", "unknown", "evil.example", "999.1.1.1", "<script>"):
        assert parse_ip(nonsense) is None


def test_an_ipv6_client_is_counted_per_64_network() -> None:
    one = address_key(parse_ip("2001:db8:1:2::1"))
    other = address_key(parse_ip("2001:db8:1:2:ffff:ffff:ffff:ffff"))
    assert one == other == "2001:db8:1:2::/64"
    assert address_key(parse_ip("2001:db8:1:3::1")) != one
    assert address_key(parse_ip("192.0.2.7")) == "192.0.2.7"
    assert address_key(None) == "unknown"


def test_trusted_proxies_are_addresses_or_networks() -> None:
    networks = parse_networks(["10.0.0.1", "172.31.238.0/24, 2001:db8::/32"])
    assert [str(n) for n in networks] == ["10.0.0.1/32", "172.31.238.0/24", "2001:db8::/32"]
    with pytest.raises(ValueError, match="nginx"):
        parse_networks(["nginx"])


def test_python_engineio_hooks_the_connection_cap_wraps() -> None:
    """connection_cap.install wraps python-socketio's Engine.IO connect and disconnect
    handlers; if a new release registers them differently, this fails first."""
    sio = socketio.AsyncServer(async_mode="aiohttp")
    assert sio.eio.handlers["connect"] == sio._handle_eio_connect
    assert sio.eio.handlers["disconnect"] == sio._handle_eio_disconnect
