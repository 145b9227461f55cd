"""The sizing benchmark's steps at a tiny size, so that they keep working: posts copied in bulk
from the API's rows read back through the API as the API's own, and the sweep through the
worker's container hands over what came due and nothing else."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from benchmarks.post_load import schedule_posts
from benchmarks.sizing_rows import (
    api_rows,
    count_posts,
    differing_columns,
    seed_posts,
    spread,
    storage,
    template_of,
)
from benchmarks.sizing_sweep import timed_sweeps, worker_container

from autopost.adapters.persistence.engine import create_engine
from autopost.sandbox.settings import DEMO_IG_USER_ID

pytestmark = pytest.mark.integration

ACCOUNT = 1  # the seeded world's Instagram account


async def test_bulk_posts_are_the_apis_own_and_the_sweep_hands_over_only_the_due_ones(
    seeded_client: httpx.AsyncClient, database_url: str, tmp_path: Path
) -> None:
    far = datetime(2031, 3, 1, 9, tzinfo=UTC)
    plan = [(f"sample {n}", far + timedelta(days=n)) for n in range(3)]
    sample = await schedule_posts(seeded_client, [DEMO_IG_USER_ID], plan, in_flight=3)
    engine = create_engine(database_url)
    try:
        rows = await api_rows(engine, [p.post_id for p in sample.posts])
        assert differing_columns(rows) == {"posts": [], "publications": [], "audit_log": []}
        template = template_of(rows)
        before = await count_posts(engine)
        bulk, _ = await seed_posts(
            engine, template, [ACCOUNT], spread(far, timedelta(days=365), 200), "bulk", batch=64
        )
        assert await count_posts(engine) == before + 200
        assert (await storage(engine, before + 200))["database_bytes_per_post"] > 0

        made = (await seeded_client.get(f"/api/v1/posts/{sample.posts[0].post_id}/")).json()
        copied = (await seeded_client.get(f"/api/v1/posts/{bulk[7].post_id}/")).json()
        assert datetime.fromisoformat(copied["date_pub"]) == bulk[7].due
        assert copied["caption"] == bulk[7].caption
        assert without_varying(copied) == without_varying(made)

        soon = datetime.now(UTC) + timedelta(minutes=1)
        await seed_posts(engine, template, [ACCOUNT], spread(soon, timedelta(0), 5), "due")
    finally:
        await engine.dispose()
    async with worker_container(database_url, "", tmp_path) as container:
        sweeps = await timed_sweeps(container, 2)
    assert sweeps["handed_over"] == [5, 0]
    # The plan is read; which one a table this small gets says nothing of a large one's.
    assert sweeps["plan"]["text"]


def without_varying(post: dict[str, Any]) -> dict[str, Any]:
    """What two posts scheduled alike have in common, as the API answers them."""
    varying = {"id", "caption", "date_pub", "publish_at", "next_attempt_at", "created_at"}
    varying |= {"updated_at"}
    kept = {k: v for k, v in post.items() if k not in varying}
    kept["publications"] = [
        {k: v for k, v in p.items() if k not in varying} for p in post["publications"]
    ]
    return kept
