"""The README's walk-through, run as a reader runs it: from a clean copy of the checkout, every
``bash`` block in order (scripts/walkthrough.py), against `autopost sandbox`. Its two ports are
moved to free ones; nothing else is changed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.processes import free_port

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.timeout(900)
def test_the_readme_walkthrough_works_from_a_clean_clone(tmp_path: Path) -> None:
    ports = f"{free_port()},{free_port()}"
    folder = tmp_path / "clone"
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "walkthrough.py"),
            "--ports",
            ports,
            "--keep",
            str(folder),
        ],
        capture_output=True,
        text=True,
        timeout=850,
    )
    assert result.returncode == 0, (result.stdout + result.stderr)[-6000:]
