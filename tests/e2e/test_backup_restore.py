"""`autopost backup` of a running `autopost serve`, `autopost restore` into a fresh data
directory, and the restored instance: what was published is never published again, what was
scheduled still is. Readiness and `autopost status` are read from the real processes on the
way."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import httpx

from tests.e2e.conftest import Api, Sandbox, StartServer, autopost_env, soon
from tests.e2e.processes import AUTOPOST, Process, free_port, wait_until


def autopost(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*AUTOPOST, *args],
        env={**os.environ, **env},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
    )


def ready(url: str) -> bool:
    response = httpx.get(f"{url}/readyz", timeout=5.0)
    return response.status_code == 200 and response.json()["status"] == "ready"


def test_a_restored_instance_publishes_what_was_scheduled_and_nothing_twice(
    start_server: StartServer, sandbox: Sandbox, tmp_path: Path
) -> None:
    api, first = start_server()
    first_url = str(api.http.base_url).rstrip("/")
    wait_until(lambda: ready(first_url), 30, "the first server to be ready")

    published = api.schedule(soon(2), caption="Published before the backup")
    api.wait_for_status(published["id"], "published")
    # Far enough ahead to be still to come when the first server stops (a few seconds on).
    later = api.schedule(soon(20), caption="Scheduled across the restore")

    env = autopost_env(tmp_path, sandbox)
    status = autopost(["status", "--json"], env, tmp_path)
    assert status.returncode == 0, status.stderr
    report = json.loads(status.stdout)
    assert [w["kind"] for w in report["workers"]["alive"]] == ["embedded"]
    assert report["due_next_hour"] == 1 and report["overdue"]["count"] == 0

    backup = tmp_path / "backups" / "autopost.db"
    made = autopost(["backup", str(backup)], env, tmp_path)  # while the server runs
    assert made.returncode == 0, made.stderr
    first.stop()
    # What the backup holds as still to come: the first server never published it.
    assert "Scheduled across the restore" not in [e["caption"] for e in sandbox.published()]

    fresh = {**env, "AUTOPOST_VAR_DIR": str(tmp_path / "restored-var")}
    restored = autopost(["restore", str(backup)], fresh, tmp_path)
    assert restored.returncode == 0, restored.stderr
    port = free_port()
    second = Process("serve-restored", ["serve", "--port", str(port)], fresh, tmp_path)
    try:
        url = f"http://127.0.0.1:{port}"
        second.wait_http(f"{url}/healthz")
        wait_until(lambda: ready(url), 30, "the restored server to be ready")
        again = Api(url)
        again.login()  # the administrator came back with the database
        assert again.post(published["id"])["status"] == "published"
        # Still to come, or already published by this server (at its time): never lost.
        assert again.post(later["id"])["status"] in ("scheduled", "processing", "published")

        again.wait_for_status(later["id"], "published", timeout=60)
        captions = [event["caption"] for event in sandbox.published()]
        assert captions.count("Published before the backup") == 1
        assert captions.count("Scheduled across the restore") == 1
    finally:
        second.stop()
    assert "sandbox-instagram-token" not in second.log()
