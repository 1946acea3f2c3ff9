"""Load benchmark of the game server against a bare python-socketio relay.

``python -m bench`` (see cli.py) runs rooms of real Socket.IO clients at human pace against
our server and against ``bench/relay.py`` and reports latency, losses, CPU and memory.
``bench/store_bench.py`` is a separate micro-benchmark of the SQLite store.
"""
