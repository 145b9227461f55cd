"""Insights end to end: `autopost serve` syncs an account of `autopost sandbox`, the
`autopost instagram insights` command collects the numbers of its media and of the account
through the sandbox's insights edges, and the API reads them back; the best time to post is
drawn from them."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.e2e.conftest import IG_TOKEN, IG_USER, Sandbox, StartServer, autopost_env
from tests.e2e.processes import AUTOPOST
from tests.e2e.test_instagram_sync import all_posts, connect_account


def test_collected_insights_are_read_back_and_give_a_best_time(
    start_server: StartServer, sandbox: Sandbox, tmp_path: Path
) -> None:
    api, _ = start_server()
    credential = connect_account(api)
    seeded = sandbox.http.post(
        f"/_sandbox/instagram/accounts/{IG_USER}/media/seed", json={"count": 12}
    )
    assert seeded.status_code in (200, 201), seeded.text
    assert api.http.post("/api/sync/", json={}).json()["seen"] == 12

    env = {**os.environ, **autopost_env(tmp_path, sandbox)}
    cli = subprocess.run(
        [*AUTOPOST, "instagram", "insights", "--credential", str(credential)],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert cli.returncode == 0, cli.stdout + cli.stderr
    assert "12 kept" in cli.stdout, cli.stdout
    assert IG_TOKEN not in cli.stdout + cli.stderr

    media = all_posts(api)[0]
    days = api.http.get(f"/api/posts/{media['id']}/insights/").json()["days"]
    assert len(days) == 1 and days[0]["reach"] is not None and days[0]["views"] is not None

    account = api.http.get(f"/api/v1/credentials/{credential}/insights/")
    assert account.status_code == 200, account.text
    (today,) = account.json()["days"]
    assert today["followers_count"] > 0 and len(today["online_followers"]) == 24

    best = api.http.get(f"/api/v1/credentials/{credential}/best-times/").json()
    assert best["days"] == 1 and best["suggested"] is not None
