"""axe-core for the browser tests, from npm into tests/.cache when missing: the accessibility tests never skip."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

from serving import ensure

VERSION = "4.14.1"
CACHE = Path(__file__).parent / ".cache" / f"axe-core-{VERSION}"
SCRIPT = CACHE / "node_modules/axe-core/axe.min.js"
# What a violation is reported with: the rule, its impact, and the first few elements it found.
SUMMARY = """r => r.violations.map(v => ({rule: v.id, impact: v.impact,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(" ") + ": " + n.failureSummary)}))"""


def source() -> str:
    if not SCRIPT.is_file():
        subprocess.run([ensure("npm"), "install", "--prefix", str(CACHE), "--no-save", "--no-package-lock", "--no-audit",
                        "--no-fund", f"axe-core@{VERSION}"], check=True, capture_output=True)
    return SCRIPT.read_text(encoding="utf-8")


def violations(page: Any) -> list[dict[str, Any]]:
    """axe's every rule (WCAG 2.0–2.2 A/AA and best practices) on the page as it is now. The script is
    evaluated through the DevTools protocol, so the site's Content-Security-Policy stays as served."""
    page.evaluate(source())
    return page.evaluate(f"axe.run(document).then({SUMMARY})")  # type: ignore[no-any-return]
