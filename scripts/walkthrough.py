#!/usr/bin/env python3
"""Run the README's walk-through from a clean copy of the checkout, as a reader would.

Every ```bash block of README.md is run, in order, in one bash shell, in an empty folder that
holds only the checkout's tracked files. The first command that fails ends the run, and so
does the first HTTP answer that is an error (curl runs with --fail-with-body). Blocks fenced
as ```sh are examples, not run. Whatever the blocks started in the background is stopped at
the end.

    scripts/walkthrough.py                      # in a temporary folder, on ports 8000 and 8900
    scripts/walkthrough.py --ports 18000,18900  # Autopost's and the sandbox's ports moved
    scripts/walkthrough.py --keep DIR           # in DIR, kept afterwards to look at

The ports are moved in the README's commands and in examples/sandbox.env: the only change made
to what the reader runs.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README_PORTS = (8000, 8900)  # Autopost's, the sandbox's
BLOCK = re.compile(r"^```bash\n(.*?)^```$", re.MULTILINE | re.DOTALL)
PRELUDE = """\
set -euo pipefail
# An HTTP error fails the walk-through as a failed command would.
curl() { command curl --fail-with-body "$@"; }
# Whatever the walk-through started in the background stops with it.
trap 'kill $(jobs -p) 2>/dev/null || true' EXIT
"""


def bash_blocks(readme: str) -> list[str]:
    return [match.group(1) for match in BLOCK.finditer(readme)]


def moved_ports(text: str, ports: tuple[int, int]) -> str:
    for old, new in zip(README_PORTS, ports, strict=True):
        text = re.sub(rf"(?<=[:= ]){old}\b", str(new), text)
    return text


def clean_copy(destination: Path) -> None:
    """The tracked files of the checkout, as they are in the working tree."""
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, check=True, capture_output=True
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            target = destination / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)


def script(readme: str, ports: tuple[int, int]) -> str:
    steps = [
        f"echo '--- README block {n}' >&2\n{block}"
        for n, block in enumerate(bash_blocks(readme), 1)
    ]
    return moved_ports(PRELUDE + "\n".join(steps), ports)


def run(folder: Path, ports: tuple[int, int], timeout: float) -> int:
    clean_copy(folder)
    env_file = folder / "examples" / "sandbox.env"
    env_file.write_text(moved_ports(env_file.read_text(), ports))
    walk = folder / "walkthrough.sh"
    walk.write_text(script((folder / "README.md").read_text(), ports))
    # The reader's environment, without Autopost settings a developer may have exported.
    env = {k: v for k, v in os.environ.items() if not k.startswith("AUTOPOST_")}
    process = subprocess.Popen(["bash", str(walk)], cwd=folder, env=env, start_new_session=True)
    try:
        return process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        print(f"the walk-through did not end within {timeout:.0f} s", file=sys.stderr)
        return 1
    finally:
        # The shell's trap stops its jobs; anything they started in turn goes with the group.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        process.wait()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ports", default="8000,8900", help="Autopost's and the sandbox's")
    parser.add_argument("--keep", type=Path, help="run in this folder, and keep it")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds for the whole run")
    args = parser.parse_args()
    autopost, sandbox = (int(port) for port in args.ports.split(","))
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        return run(args.keep, (autopost, sandbox), args.timeout)
    with tempfile.TemporaryDirectory(prefix="autopost-walkthrough-") as folder:
        return run(Path(folder), (autopost, sandbox), args.timeout)


if __name__ == "__main__":
    sys.exit(main())
