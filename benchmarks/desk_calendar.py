"""How long the calendar's month page takes with 1,000 posts in the month.

1. A fresh SQLite database in a temporary directory, migrated; the real container on it, an
   administrator, two Instagram accounts and a Pinterest one.
2. ``--posts`` posts (1,000) scheduled through the use case the API calls, spread evenly over
   one month, each to one account in turn (a tenth of them to two accounts at once).
3. The month page (``GET /?view=month&date=…``, as a browser asks for it) rendered through the
   ASGI app in process, ``--warm-up`` times unmeasured, then ``--renders`` times; printed: the
   number of entries on the page, its size, p50 / p95 / max of the renders (wall time), p50 /
   p95 of this process's CPU time per render (what the page costs, whatever else runs), the
   machine's load average before and after.

    .venv/bin/python -m benchmarks.desk_calendar
    .venv/bin/python -m benchmarks.desk_calendar --posts 1000 --renders 50

No platform is called: nothing is published (the posts are months ahead of the clock).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

from autopost.adapters.http.app import create_app
from autopost.adapters.persistence.migrate import upgrade_database_async
from autopost.adapters.scheduling.broker import create_broker
from autopost.application.access import Actor
from autopost.application.integrations.credentials import ConnectAccount
from autopost.application.posting.posts import SchedulePost
from autopost.domain.access import Role
from autopost.domain.platform import Platform
from autopost.domain.post import ContentType, InstagramContent
from autopost.entrypoints.container import build_container, close_resources, open_resources
from autopost.entrypoints.settings import Settings
from benchmarks.lateness_report import percentile
from benchmarks.machine import machine

PASSWORD = "a long enough passphrase"  # noqa: S105 (a throwaway database's)
MONTH_START = datetime(2030, 6, 1, tzinfo=UTC)
MONTH_DAYS = 30
PAGE = f"/?view=month&date={MONTH_START:%Y-%m-%d}"
WORDS = ("Summer", "collection", "drop", "with", "new", "colours", "sizes", "and", "a", "story")


async def seed(var_dir: Path, posts: int) -> tuple[Any, str]:
    """The container on a fresh database with ``posts`` posts in the month; the
    administrator's API token."""
    container = build_container(
        Settings(var_dir=var_dir, secret_key="benchmark-secret-key"),  # noqa: S106
        create_broker(None),
    )
    await open_resources(container)
    await upgrade_database_async(container.infrastructure.engine())
    admin = await container.people.create_superuser().execute(
        "admin", "admin@example.com", PASSWORD
    )
    actor = Actor.of(admin.id, [Role.ADMINISTRATORS], True, admin.username)
    save = container.integrations.save_credential()
    accounts = []
    for number, platform in enumerate(
        (Platform.INSTAGRAM, Platform.INSTAGRAM, Platform.PINTEREST), start=1
    ):
        connect = ConnectAccount(
            platform, f"1784140000000{number:04d}", f"token-{number}", admin.id, f"shop{number}"
        )
        accounts.append((await save.execute(actor, connect)).id)
    schedule = container.posting.schedule_post()
    step = timedelta(days=MONTH_DAYS) / posts
    for index in range(posts):
        due = MONTH_START + step * index + timedelta(hours=8)
        caption = " ".join([*WORDS[index % 5 :], f"#{index}"])
        shared = {"url": "https://cdn.example.com/a.jpg", "caption": caption, "title": caption}
        both = index % 10 == 0
        await schedule.execute(
            actor,
            SchedulePost(
                content=InstagramContent(content_type=ContentType.PHOTO),
                date_pub=due,
                credential_ids=((accounts[0], accounts[2]) if both else (accounts[index % 2],)),
                shared=shared,
                board_id="board-1",
            ),
        )
    token = await container.people.issue_api_token().execute("admin", PASSWORD, "127.0.0.1")
    return container, token


async def measure(posts: int, renders: int, warm_up: int) -> dict[str, Any]:
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="desk-calendar-") as directory:
        started = time.perf_counter()
        container, token = await seed(Path(directory), posts)
        seeded_in = time.perf_counter() - started
        try:
            transport = httpx.ASGITransport(app=create_app(container))
            headers = {"Authorization": f"Token {token}", "Accept": "text/html"}
            async with httpx.AsyncClient(
                transport=transport, base_url="http://autopost.test", headers=headers
            ) as browser:
                seconds, cpu_seconds = [], []
                for attempt in range(warm_up + renders):
                    began, cpu_began = time.perf_counter(), time.process_time()
                    page = await browser.get(PAGE)
                    took = time.perf_counter() - began
                    cpu = time.process_time() - cpu_began
                    if page.status_code != 200:
                        raise RuntimeError(f"the month page answered {page.status_code}")
                    if attempt >= warm_up:
                        seconds.append(took)
                        cpu_seconds.append(cpu)
                grid = page.text.split('<table class="cal-grid', 1)[1]
                entries = grid.count('<li class="cal-entry ')
        finally:
            await close_resources(container)
    ordered = sorted(seconds)
    cpu_ordered = sorted(cpu_seconds)
    return {
        "posts": posts,
        "entries_on_page": entries,
        "page_kib": round(len(page.content) / 1024, 1),
        "renders": len(ordered),
        "p50_ms": round(percentile(ordered, 0.50) * 1000, 1),
        "p95_ms": round(percentile(ordered, 0.95) * 1000, 1),
        "max_ms": round(ordered[-1] * 1000, 1),
        # This process's CPU time per render: what the page costs, whatever else runs.
        "cpu_p50_ms": round(percentile(cpu_ordered, 0.50) * 1000, 1),
        "cpu_p95_ms": round(percentile(cpu_ordered, 0.95) * 1000, 1),
        "seeded_in_s": round(seeded_in, 1),
        "load_average_before": [round(v, 2) for v in load_before],
        "load_average_after": [round(v, 2) for v in os.getloadavg()],
        "machine": machine(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--renders", type=int, default=30)
    parser.add_argument("--warm-up", type=int, default=3)
    arguments = parser.parse_args()
    result = asyncio.run(measure(arguments.posts, arguments.renders, arguments.warm_up))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
