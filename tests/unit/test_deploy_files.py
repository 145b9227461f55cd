"""The deployment files (``Dockerfile``, ``compose.yaml``, ``docs/deploy.md``) say only what is
true of Autopost. Images cannot be built here, so what they rest on is checked instead: they
install with the script everything else installs with, run commands that exist, name only
settings that exist, and give a stop more time than its grace period."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from autopost.entrypoints.cli import main
from autopost.entrypoints.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
DEPLOY_DOC = ROOT / "docs" / "deploy.md"
DOCKERFILE = ROOT / "Dockerfile"
COMPOSE = ROOT / "compose.yaml"
INSTALL = "scripts/install.sh"

SETTING = re.compile(r"\bAUTOPOST_([A-Z0-9_]+)")
SETTINGS = {name.upper() for name in Settings.model_fields}


def compose() -> dict[str, Any]:
    return dict(yaml.safe_load(COMPOSE.read_text()))


def autopost_services() -> dict[str, dict[str, Any]]:
    return {
        name: service
        for name, service in compose()["services"].items()
        if service.get("command", [""])[0] == "autopost"
    }


@pytest.mark.parametrize(
    "path", [DEPLOY_DOC, DOCKERFILE, COMPOSE, ROOT / "README.md", ROOT / "examples" / "sandbox.env"]
)
def test_every_setting_named_exists(path: Path) -> None:
    named = set(SETTING.findall(path.read_text()))
    # Not settings: the test suite's own switches.
    named -= {"SKIP_BROWSER_TESTS", "TEST_POSTGRES_URL"}
    assert named - SETTINGS == set(), f"{path.name} names settings Autopost does not have"


def test_the_readme_settings_table_lists_every_setting() -> None:
    table = "\n".join(
        line for line in (ROOT / "README.md").read_text().splitlines() if line.startswith("| `")
    )
    listed = set(re.findall(r"`([A-Z0-9_]+)`", table))
    assert SETTINGS - listed == set()


def test_the_image_installs_with_the_script_the_readme_and_ci_install_with() -> None:
    runs = [line for line in DOCKERFILE.read_text().splitlines() if line.startswith("RUN ")]
    assert f"RUN ./{INSTALL}" in runs
    assert not any("pip" in run for run in runs), "the install's steps are the script's"
    # The README's commands and CI (scripts/test.sh, run by .ci/run) use the same script.
    for script in ("scripts/run.sh", "scripts/test.sh"):
        assert f"./{INSTALL}" in (ROOT / script).read_text(), script
    assert "scripts/test.sh" in (ROOT / ".ci" / "run").read_text()


def test_the_image_holds_what_the_install_reads() -> None:
    copied = " ".join(
        line for line in DOCKERFILE.read_text().splitlines() if line.startswith("COPY ")
    )
    for needed in ("pyproject.toml", "constraints.txt", "README.md", "LICENSE", "NOTICE"):
        assert needed in copied.split(), needed
    for folder in ("scripts/", "src/"):
        assert folder in copied.split(), folder


def test_every_autopost_service_runs_the_image_and_a_command_that_exists() -> None:
    services = autopost_services()
    assert {"migrate", "api", "worker"} <= set(services)
    for name, service in services.items():
        assert service["build"] == ".", f"{name} is built from the Dockerfile"
        assert service["command"][1] in main.commands, f"{name}: {service['command']}"
    assert {"postgres", "redis"} <= set(compose()["services"])


def test_a_stop_is_given_longer_than_its_grace_period() -> None:
    """compose's stop_grace_period and systemd's TimeoutStopSec outlast Autopost's own grace."""
    for name, service in autopost_services().items():
        grace = float(service["environment"]["AUTOPOST_STOP_GRACE_SECONDS"])
        allowed = float(str(service["stop_grace_period"]).removesuffix("s"))
        assert allowed >= grace + 10, name
    doc = DEPLOY_DOC.read_text()
    (grace,) = set(re.findall(r"^AUTOPOST_STOP_GRACE_SECONDS=(\d+)$", doc, re.MULTILINE))
    timeouts = re.findall(r"^TimeoutStopSec=(\d+)$", doc, re.MULTILINE)
    assert len(timeouts) == 2, "the serve and worker units"
    assert all(int(t) >= int(grace) + 10 for t in timeouts)
    commands = re.findall(r"^ExecStart=\S*/autopost (\S+)", doc, re.MULTILINE)
    assert sorted(commands) == ["serve", "worker"]
