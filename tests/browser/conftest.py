"""Fixtures for the browser tests: a built web client, a real server, real Chromium.

The server is ``python -m game_server serve`` in a subprocess on a free loopback port with
a temporary data directory; the client is ``web_client/dist``, built here with
``npm run build`` when it is missing or older than its sources.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Generator, Iterator
from pathlib import Path

import pytest
from a11y import assert_accessible
from bots import Bots
from playwright.sync_api import Browser, BrowserContext, Playwright, expect, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
CLIENT = ROOT / "web_client"
DIST = CLIENT / "dist"
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM = os.environ.get("LK_CHROMIUM", "/usr/bin/chromium")
"""Debian's Chromium; ``LK_CHROMIUM`` names another build (a machine without the package)."""
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _newest_source() -> float:
    paths = [CLIENT / "index.html", CLIENT / "package.json", CLIENT / "vite.config.ts"]
    paths += [p for p in (CLIENT / "src").rglob("*") if p.is_file()]
    return max(p.stat().st_mtime for p in paths if p.exists())


@pytest.fixture(scope="session")
def built_client() -> Path:
    index = DIST / "index.html"
    if not index.exists() or index.stat().st_mtime < _newest_source():
        if not (CLIENT / "node_modules").exists():
            subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=CLIENT, check=True)
        subprocess.run(["npm", "run", "build"], cwd=CLIENT, check=True)
    assert index.exists(), "web_client/dist/index.html was not built"
    return DIST


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    def __init__(self, data_dir: Path, *extra_args: str) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = data_dir / "server.log"
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self._log_file = self.log.open("w")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "game_server",
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--data-dir",
                str(data_dir),
                # The browsers and bots of a module share 127.0.0.1 and its server: no limit
                # on rooms per address unless a test asks for one (the later option wins).
                "--max-rooms-per-address",
                "0",
                *extra_args,
            ],
            cwd=ROOT,
            env=env,
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited early:\n{self.log.read_text()}")
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=1) as reply:
                    if reply.status == 200:
                        break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"server did not start:\n{self.log.read_text()}") from None
                time.sleep(0.1)  # polling the port until the server listens; no event exists

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._log_file.close()


@pytest.fixture(scope="module")
def server(built_client: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    srv = Server(tmp_path_factory.mktemp("browser-server"))
    yield srv
    srv.stop()


# Playwright's `expect` waits 5 s by default, a guess of the machine's speed that a busy CI
# machine (load 10 on 2 cores) exceeds. Every expectation waits for a condition the system
# guarantees to reach; this is only the deadline after which it is a failure.
expect.set_options(timeout=30_000)


# Module scope, not session: Playwright's sync API keeps an event loop running in the main
# thread while it is started, which breaks every asyncio test that runs after it.
@pytest.fixture(scope="module")
def playwright_instance() -> Iterator[Playwright]:
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="module")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    b = playwright_instance.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield b
    b.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    if report.when == "call":
        item.stash[FAILED] = report.failed
    return report


FAILED = pytest.StashKey[bool]()


@pytest.fixture
def new_context(browser: Browser, request: pytest.FixtureRequest) -> Iterator[object]:
    """Make isolated browser contexts (own localStorage) at a given viewport size.

    Pages in them get the test flag (``window.__leerklimaat``) unless ``test_hook=False``.
    ``touch=True`` makes a phone: a touch screen and no mouse (``any-pointer: coarse``).

    When the test passes, every page still open must pass axe-core (a11y.py); when it
    fails, every open page is saved to test-artifacts/failures/.
    """
    contexts: list[BrowserContext] = []

    def make(
        width: int = 1366, height: int = 768, *, test_hook: bool = True, touch: bool = False
    ) -> BrowserContext:
        context = browser.new_context(
            viewport={"width": width, "height": height},
            locale="nl-NL",
            has_touch=touch,
            is_mobile=touch,
        )
        context.set_default_timeout(30_000)
        if test_hook:
            # window.__leerklimaat (the page's RoomSession) exists only with this flag.
            context.add_init_script("localStorage.setItem('lk:e2e', '1')")
        contexts.append(context)
        return context

    yield make
    problems: list[str] = []
    if not request.node.stash.get(FAILED, True):
        for context in contexts:
            for page in context.pages:
                if page.is_closed() or page.url in ("", "about:blank"):
                    continue
                try:
                    assert_accessible(page, f"{request.node.name} (last screen) {page.url}")
                except AssertionError as problem:
                    problems.append(str(problem))
    if request.node.stash.get(FAILED, False):
        failures = SCREENSHOTS.parent / "failures"
        failures.mkdir(parents=True, exist_ok=True)
        for i, context in enumerate(contexts):
            for j, page in enumerate(context.pages):
                page.screenshot(
                    path=str(failures / f"{request.node.name}-{i}-{j}.png"), full_page=True
                )
    for context in contexts:
        context.close()
    assert not problems, "\n".join(problems)


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture
def bots(server: Server) -> Iterator[Bots]:
    """Python players (python-socketio) in the module's server, closed after the test."""
    b = Bots(server.url)
    yield b
    b.close()
