"""`autopost instagram insights` and `autopost pinterest insights`, run in-process with the
real container on a SQLite file; the platforms are `autopost sandbox`'s app on loopback."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from click.testing import CliRunner, Result

from autopost.adapters.persistence.migrate import upgrade_database
from autopost.application.access import SYSTEM
from autopost.application.integrations.credentials import ConnectAccount
from autopost.domain.platform import Platform
from autopost.entrypoints.cli import main
from autopost.entrypoints.container import opened_container
from autopost.entrypoints.settings import Settings
from autopost.sandbox.app import create_app as create_sandbox_app
from autopost.sandbox.settings import DEMO_ACCESS_TOKEN, DEMO_IG_USER_ID

pytestmark = pytest.mark.integration

SECRET = "cli-test-secret-key"


@pytest.fixture
def sandbox_url() -> Iterator[str]:
    """A sandbox of the test's own, served on loopback from a thread: the commands run their
    own event loops."""
    config = uvicorn.Config(
        create_sandbox_app(), host="127.0.0.1", port=0, log_level="warning", access_log=False
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=lambda: asyncio.run(server.serve()), daemon=True)
    thread.start()
    started = threading.Event()
    while not started.wait(0.01):
        if server.started:
            started.set()
    port = server.servers[0].sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sandbox_url: str) -> dict[str, str]:
    monkeypatch.chdir(tmp_path)
    values = {
        "AUTOPOST_VAR_DIR": str(tmp_path / "var"),
        "AUTOPOST_SECRET_KEY": SECRET,
        "AUTOPOST_BROKER_URL": "",
        "AUTOPOST_DATABASE_URL": "",
        "AUTOPOST_INSTAGRAM_GRAPH_URL": f"{sandbox_url}/v24.0",
        "AUTOPOST_INSTAGRAM_LOGIN_GRAPH_URL": sandbox_url,
    }
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    upgrade_database(f"sqlite:///{tmp_path / 'var' / 'autopost.db'}")
    return values


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def connect_demo_account(env: dict[str, str]) -> None:
    async def act() -> None:
        settings = Settings(var_dir=env["AUTOPOST_VAR_DIR"], secret_key=SECRET)  # type: ignore[arg-type]
        async with opened_container(settings, broker=None) as container:
            account = ConnectAccount(Platform.INSTAGRAM, DEMO_IG_USER_ID, DEMO_ACCESS_TOKEN)
            await container.integrations().save_credential().execute(SYSTEM, account)

    asyncio.run(act())


def test_insights_are_collected_and_a_second_run_asks_nothing_again(
    env: dict[str, str], sandbox_url: str
) -> None:
    seeded = httpx.post(
        f"{sandbox_url}/_sandbox/instagram/accounts/{DEMO_IG_USER_ID}/media/seed",
        json={"count": 12},
    )
    assert seeded.status_code == 201, seeded.text
    connect_demo_account(env)
    assert run("instagram", "sync", "--credential", "1").exit_code == 0

    first = run("instagram", "insights")

    assert first.exit_code == 0, first.output
    assert "account 1: 12 of 12 media due asked about, 12 kept, 0 without insights;" in (
        first.output
    )
    again = run("instagram", "insights", "--credential", "1")
    assert again.exit_code == 0, again.output
    assert "account 1: 0 of 0 media due asked about, 0 kept" in again.output


def test_a_refused_token_exits_1_saying_to_reconnect(env: dict[str, str], sandbox_url: str) -> None:
    connect_demo_account(env)
    revoked = httpx.post(f"{sandbox_url}/_sandbox/instagram/accounts/{DEMO_IG_USER_ID}/revoke")
    assert revoked.status_code == 200, revoked.text

    result = run("instagram", "insights", "--credential", "1")

    assert result.exit_code == 1
    assert "reconnect the Instagram account" in result.output
    assert DEMO_ACCESS_TOKEN not in result.output


def test_without_an_account_it_says_so(env: dict[str, str]) -> None:
    result = run("pinterest", "insights")
    assert result.exit_code == 0, result.output
    assert "No connected Pinterest account." in result.output
