"""Server settings, from command-line options or ``LEERKLIMAAT_*`` environment variables."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Settings:
    host: str = "0.0.0.0"
    """All interfaces by default: players join from their own laptops on the same network."""
    port: int = 8080
    data_dir: Path = Path("data")
    redis_url: str | None = None
    allowed_origins: tuple[str, ...] = ()
    """Extra browser origins allowed to connect; the server's own origin always is."""
    content_dir: Path | None = None
    static_dir: Path | None = None
    public_url: str | None = None
    """The address players should open (join links, QR codes); by default the address of
    this machine on the local network when listening on all interfaces."""
    trusted_proxies: tuple[str, ...] = ()
    """Addresses or networks of reverse proxies whose ``X-Forwarded-For``,
    ``X-Forwarded-Host`` and ``X-Forwarded-Proto`` are believed (transport/addresses.py)."""
    allowed_hosts: tuple[str, ...] = ()
    """Extra host names the server answers to, besides localhost, IP addresses and the
    hosts of ``public_url`` and ``allowed_origins`` (transport/origins.py)."""
    max_connections_per_address: int = 500
    """Open connections one client address may have (transport/connection_cap.py)."""
    max_rooms_per_address: int = 60
    """Rooms and workshops one client address may make per ``rooms_per_address_window``
    (0: no limit; transport/creations.py). Counted per server process."""
    rooms_per_address_window: float = 3600.0
    """Seconds of the sliding window ``max_rooms_per_address`` counts in."""
    evict_idle_after: float = 600.0
    """Seconds a room stays in this process's memory with no connection here (0: for ever).
    It is loaded from the store again on the next ``enter``."""
    version_check_every: float = 5.0
    """With several processes: seconds between checks of the stored version of every room
    with a connection here, so a version nobody announced still reaches them (0: never)."""
    drain_grace: float = 10.0
    """On SIGTERM: seconds to wait for commands being handled, before and after asking every
    connection to reconnect elsewhere (``transport/drain.py``)."""
    metrics_port: int | None = None
    """Serve Prometheus metrics on this port (``GET /metrics``); None: no metrics listener."""
    metrics_host: str = "127.0.0.1"
    """The address the metrics listener binds to: loopback unless the monitoring network
    needs another (never the players' network)."""
