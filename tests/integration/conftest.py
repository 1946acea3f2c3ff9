"""Integration tests of the game core over a real server process on loopback."""

from tests.support.fixtures import clients, server, server_factory

__all__ = ["clients", "server", "server_factory"]
