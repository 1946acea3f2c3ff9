"""axe-core over a page: the browser tests fail on serious or critical violations.

``web_client/node_modules/axe-core/axe.min.js`` (a devDependency of the web client) is
injected into the page as it is and run over the whole document. Every screen the browser
tests visit passes through here: ``browser_steps.shot`` checks the page it photographs, and
the ``new_context`` fixture checks every page still open when a test ends.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import Page

AXE = Path(__file__).resolve().parents[2] / "web_client/node_modules/axe-core/axe.min.js"
BLOCKING = ("serious", "critical")

_RUN = """async () => {
    const result = await window.axe.run(document, {resultTypes: ['violations']});
    return result.violations.map(v => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.slice(0, 6).map(n => n.target.join(' ') + ' -- ' + (n.failureSummary || '')),
    }));
}"""


def violations(page: Page) -> list[dict[str, Any]]:
    """axe-core's serious and critical violations on the page as it is now."""
    if not AXE.exists():
        raise RuntimeError(f"{AXE} is missing: run `npm ci` in web_client")
    if not page.evaluate("() => typeof window.axe === 'object'"):
        # Evaluated through the DevTools protocol, which the page's Content-Security-Policy
        # (script-src 'self', no inline script) does not govern; a <script> tag would be
        # refused, as it should be.
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
    # Colours mid-fade (a projector page turning) are not the page's colours: let running
    # animations finish first.
    page.evaluate(
        """() => Promise.all(document.getAnimations()
            .filter(a => a.effect?.getComputedTiming().iterations !== Infinity)
            .map(a => a.finished))"""
    )
    found: list[dict[str, Any]] = page.evaluate(_RUN)
    return [v for v in found if v["impact"] in BLOCKING]


def assert_accessible(page: Page, where: str = "") -> None:
    found = violations(page)
    if found:
        lines = [f"axe-core: serious/critical violations on {where or page.url}:"]
        for v in found:
            lines.append(f"- {v['id']} ({v['impact']}): {v['help']}")
            lines.extend(f"    {node}" for node in v["nodes"])
        raise AssertionError("\n".join(lines))
