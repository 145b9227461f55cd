"""`autopost status`, `check`, `backup` and `restore`, run in-process with the real container on
SQLite files; the platforms are `autopost sandbox`'s app on loopback."""

from __future__ import annotations

import asyncio
import json
import sqlite3
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import uvicorn
from click.testing import CliRunner, Result

from autopost.adapters.persistence.migrate import upgrade_database
from autopost.application.access import SYSTEM
from autopost.application.integrations.credentials import ConnectAccount
from autopost.domain.platform import Platform
from autopost.domain.worker_heartbeat import WorkerHeartbeat
from autopost.entrypoints.cli import main
from autopost.entrypoints.container import opened_container
from autopost.entrypoints.settings import Settings
from autopost.sandbox.app import create_app as create_sandbox_app

pytestmark = pytest.mark.integration

SANDBOX_TOKEN = "sandbox-instagram-token"


@pytest.fixture(scope="module")
def sandbox_url() -> Iterator[str]:
    """The sandbox served on loopback from a thread of its own: the commands run their own
    event loops."""
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
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """A migrated SQLite database of the test's own, and nothing read from a .env."""
    monkeypatch.chdir(tmp_path)
    values = {
        "AUTOPOST_VAR_DIR": str(tmp_path / "var"),
        "AUTOPOST_SECRET_KEY": "cli-test-secret-key",
        "AUTOPOST_BROKER_URL": "",
        "AUTOPOST_DATABASE_URL": "",
    }
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    upgrade_database(f"sqlite:///{tmp_path / 'var' / 'autopost.db'}")
    return values


def run(*args: str, **env: str) -> Result:
    return CliRunner().invoke(main, list(args), env=env or None, catch_exceptions=False)


def in_database(work: str, **settings: str) -> None:
    """Does one thing through the container, as the commands do."""

    async def act() -> None:
        async with opened_container(Settings(**settings), broker=None) as container:  # type: ignore[arg-type]
            if work == "beat":
                now = datetime.now(UTC)
                for name, ago in (("worker@a:1", 5), ("worker@b:2", 600)):
                    beat = WorkerHeartbeat(
                        name, "worker", "a", 1, now, now - timedelta(seconds=ago)
                    )
                    await container.operations().heartbeats().beat(beat)
            else:
                account = ConnectAccount(Platform.INSTAGRAM, work, work, username=work)
                await container.integrations().save_credential().execute(SYSTEM, account)

    asyncio.run(act())


def test_status_lists_workers_alive_and_recently_dead_and_says_the_queue_is_not_countable(
    env: dict[str, str],
) -> None:
    in_database("beat", var_dir=env["AUTOPOST_VAR_DIR"], secret_key="cli-test-secret-key")
    text = run("status")
    assert text.exit_code == 0, text.output
    assert "Workers alive: 1\n  worker@a:1" in text.output
    assert "Workers recently dead: 1\n  worker@b:2" in text.output
    assert "Queue: n/a" in text.output
    assert "Due in the next hour: 0 publication(s)" in text.output
    machine = json.loads(run("status", "--json").output)
    assert [w["name"] for w in machine["workers"]["alive"]] == ["worker@a:1"]
    assert machine["queue"] == {
        "broker": "embedded",
        "reachable": True,
        "waiting": None,
        "error": None,
    }


def test_status_of_a_database_not_migrated_says_to_migrate(tmp_path: Path) -> None:
    result = run("status", AUTOPOST_VAR_DIR=str(tmp_path / "empty"), AUTOPOST_SECRET_KEY="k")
    assert result.exit_code == 1 and "run `autopost migrate`" in result.output


def test_check_passes_when_the_database_and_each_platform_answer(
    env: dict[str, str], sandbox_url: str
) -> None:
    platforms = {
        "AUTOPOST_INSTAGRAM_GRAPH_URL": f"{sandbox_url}/v24.0",
        "AUTOPOST_INSTAGRAM_LOGIN_GRAPH_URL": sandbox_url,
        "AUTOPOST_FACEBOOK_APP_ID": "sandbox-facebook-app",
        "AUTOPOST_PINTEREST_API_URL": f"{sandbox_url}/pinterest/v5",
        "AUTOPOST_PINTEREST_CLIENT_ID": "sandbox-client-id",
    }
    in_database(SANDBOX_TOKEN, var_dir=env["AUTOPOST_VAR_DIR"], secret_key="cli-test-secret-key")
    result = run("check", **platforms)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "ok       settings: read from the environment and .env"
    assert lines[1].startswith("ok       database: sqlite, schema at revision")
    assert lines[2] == "ok       broker: embedded, in this process"
    assert f"ok       instagram: the API at {sandbox_url}/v24.0 answers" in lines
    assert f"ok       instagram account 1 ({SANDBOX_TOKEN}): its token works" in lines
    assert f"ok       pinterest: the API at {sandbox_url}/pinterest/v5 answers" in lines
    assert SANDBOX_TOKEN not in result.output.replace(f"({SANDBOX_TOKEN})", "")


def test_check_fails_saying_what_to_do_for_each_problem(
    env: dict[str, str], sandbox_url: str
) -> None:
    in_database(
        "a-revoked-token", var_dir=env["AUTOPOST_VAR_DIR"], secret_key="cli-test-secret-key"
    )
    result = run(
        "check",
        AUTOPOST_INSTAGRAM_GRAPH_URL=f"{sandbox_url}/v24.0",
        AUTOPOST_INSTAGRAM_LOGIN_GRAPH_URL=sandbox_url,
        AUTOPOST_PINTEREST_API_URL="http://127.0.0.1:1/v5",
        AUTOPOST_PINTEREST_CLIENT_ID="an-app",
        AUTOPOST_BROKER_URL="redis://:pw-not-shown@127.0.0.1:1/0",
    )
    assert result.exit_code == 1
    problems = [line for line in result.output.splitlines() if line.startswith("problem")]
    assert [line.split(":")[0] for line in problems] == [
        "problem  broker",
        "problem  instagram account 1 (a-revoked-token)",
        "problem  pinterest",
    ]
    assert "check AUTOPOST_BROKER_URL" in problems[0] and "pw-not-shown" not in result.output
    assert "Reconnect the account" in problems[1]
    assert "check AUTOPOST_PINTEREST_API_URL" in problems[2]


def test_check_says_which_setting_is_wrong(env: dict[str, str]) -> None:
    result = run("check", AUTOPOST_SWEEP_INTERVAL_SECONDS="often")
    assert result.exit_code == 1
    assert "problem  settings: AUTOPOST_SWEEP_INTERVAL_SECONDS: Input should be a valid number" in (
        result.output
    )


def test_check_says_a_database_url_that_cannot_be_opened_without_showing_it(
    env: dict[str, str],
) -> None:
    result = run("check", AUTOPOST_DATABASE_URL="nosuchdb://user:pw-not-shown@host/db")
    assert result.exit_code == 1
    assert "problem  database: cannot be opened" in result.output
    assert "pw-not-shown" not in result.output


def test_check_says_to_migrate_a_database_behind(tmp_path: Path) -> None:
    result = run("check", AUTOPOST_VAR_DIR=str(tmp_path / "new"), AUTOPOST_SECRET_KEY="k")
    assert result.exit_code == 1
    assert "problem  database: at schema revision none" in result.output
    assert "run `autopost migrate`" in result.output


def accounts_in(database: Path) -> list[str]:
    with sqlite3.connect(database) as connection:
        return sorted(row[0] for row in connection.execute("SELECT account_id FROM credentials"))


def test_a_backup_restores_the_database_as_it_was_and_keeps_the_one_replaced(
    env: dict[str, str], tmp_path: Path
) -> None:
    settings = {"var_dir": env["AUTOPOST_VAR_DIR"], "secret_key": "cli-test-secret-key"}
    database = Path(env["AUTOPOST_VAR_DIR"]) / "autopost.db"
    in_database("before-backup", **settings)
    backup = tmp_path / "backups" / "autopost-backup.db"
    made = run("backup", str(backup))
    assert made.exit_code == 0, made.output
    assert backup.stat().st_mode & 0o077 == 0, "a backup holds secrets: its owner's only"
    in_database("after-backup", **settings)

    restored = run("restore", str(backup))
    assert restored.exit_code == 0, restored.output
    assert accounts_in(database) == ["before-backup"]
    assert accounts_in(database.with_name("autopost.db.before-restore")) == [
        "after-backup",
        "before-backup",
    ]


def test_restore_is_refused_while_a_worker_uses_the_database_unless_forced(
    env: dict[str, str], tmp_path: Path
) -> None:
    in_database("beat", var_dir=env["AUTOPOST_VAR_DIR"], secret_key="cli-test-secret-key")
    backup = tmp_path / "autopost-backup.db"  # taken while the worker runs: its beat is in it
    assert run("backup", str(backup)).exit_code == 0
    refused = run("restore", str(backup))
    assert refused.exit_code == 1
    assert "in use: worker@a:1" in refused.output and "--force" in refused.output
    assert run("restore", "--force", str(backup)).exit_code == 0
    # The restored database keeps no heartbeat of the processes of its time.
    assert run("restore", str(backup)).exit_code == 0, "a worker of the backup's time counted"


def test_restore_refuses_a_file_that_is_not_an_autopost_backup(
    env: dict[str, str], tmp_path: Path
) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    result = run("restore", str(junk))
    assert result.exit_code == 1 and "is not an SQLite database" in result.output


def test_on_postgresql_backup_and_restore_say_how_to_use_pg_dump(
    env: dict[str, str], tmp_path: Path
) -> None:
    postgres = {"AUTOPOST_DATABASE_URL": "postgresql://u:pw@127.0.0.1:5432/autopost"}
    made = run("backup", str(tmp_path / "x.db"), **postgres)
    assert made.exit_code == 1 and "pg_dump --format=custom" in made.output
    (tmp_path / "x.dump").write_bytes(b"")
    restored = run("restore", str(tmp_path / "x.dump"), **postgres)
    assert restored.exit_code == 1 and "pg_restore" in restored.output
    assert not (tmp_path / "x.db").exists()
