"""Debian's headless Chromium, driven by Playwright's Python package (which must never fetch a
browser of its own). scripts/test.sh installs the ``chromium`` package when it is missing."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags Chromium reaches for Google's services, which the
# tests must not (and, offline, cannot) do.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# AUTOPOST_SKIP_BROWSER_TESTS=1 is the only way to skip the browser tests (for a machine that
# cannot have Chromium); otherwise a missing browser fails them, so that CI cannot pass
# without having run them.
SKIP_VARIABLE = "AUTOPOST_SKIP_BROWSER_TESTS"


def require_chromium() -> None:
    if os.environ.get(SKIP_VARIABLE) == "1":
        pytest.skip(f"browser tests skipped: {SKIP_VARIABLE}=1")
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: install Debian's chromium (scripts/test.sh does, as root: "
            f"apt-get install -y --no-install-recommends chromium), or set {SKIP_VARIABLE}=1 "
            "to skip the browser tests",
            pytrace=False,
        )


@contextmanager
def headless_chromium() -> Iterator[Browser]:
    require_chromium()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
