"""Process limits the benchmark needs: thousands of sockets need thousands of descriptors."""

from __future__ import annotations

import resource


def raise_open_files_limit(wanted: int = 65_536) -> int:
    """Raise the soft RLIMIT_NOFILE towards ``wanted`` (never above the hard limit).

    Returns the soft limit now in force. Children inherit it, so calling this before
    starting a server process raises the server's limit as well.
    """
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft == resource.RLIM_INFINITY or soft >= target:
        return soft if soft != resource.RLIM_INFINITY else wanted
    resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    return target
