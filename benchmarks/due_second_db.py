"""The database's part of a publication at its due second, alone: no platform, no sandbox.

``publish_path`` measures the whole step; on a shared machine a few per cent in it are lost in
the noise between runs. This runs only the step's statements, one publication after the other
on a fresh SQLite file, the way ``PublishPublication`` runs them for a photo made ready ahead:
its read for work, the claim saved and committed, then its attempt, its audit entry, its
``post.published`` event and the published publication, committed.

    .venv/bin/python -m benchmarks.due_second_db --posts 300 --rounds 5

Printed: the CPU time per publication of each round (after one round of warm-up), and the
least of them, the one the machine's other programs disturbed least.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from autopost.adapters.persistence.engine import create_engine, session_factory
from autopost.adapters.persistence.migrate import upgrade_database_async
from autopost.adapters.persistence.unit_of_work import SqlaUnitOfWork
from autopost.application.access import SYSTEM
from autopost.application.audit import record
from autopost.application.events import publication_events
from autopost.domain.access import Resource
from autopost.domain.attempt import Answer, Asked, PublicationAttempt
from autopost.domain.credential import Credential
from autopost.domain.post import InstagramContent, Post
from autopost.domain.publication import ScheduledPublication

LEASE = timedelta(seconds=6)


async def _publications(uow: SqlaUnitOfWork, count: int) -> list[int]:
    """``count`` photo posts due five minutes ago on one account, made ready ahead."""
    past = datetime.now(UTC) - timedelta(minutes=5)
    async with uow:
        credential = Credential("instagram", "17840000", "ciphertext", created_at=past)
        await uow.credentials.add(credential)
        assert credential.id is not None
        ids = []
        for number in range(count):
            content = InstagramContent(url="https://cdn.example.com/a.jpg", caption=f"{number}")
            post = Post(content=content, created_at=past)
            await uow.posts.add(post)
            assert post.id is not None
            publication = ScheduledPublication(
                post.id,
                credential.id,
                "instagram",
                publish_at=past,
                next_run_at=past,
                created_at=past,
                container_id=f"container-{number}",
                container_ready=True,
                quota_reserved=True,
            )
            await uow.publications.add(publication)
            assert publication.id is not None
            ids.append(publication.id)
        await uow.commit()
    return ids


async def _publish(uow: SqlaUnitOfWork, publication_id: int) -> None:
    async with uow:
        found = await uow.publications.for_work(publication_id)
        assert found is not None
        publication, _ = found
        publication.claim(datetime.now(UTC), LEASE)
        await uow.publications.save(publication)
        await uow.commit()
        now = datetime.now(UTC)  # here the platform is asked to publish it
        publication.mark_published("media-1", None, now)
        attempt = PublicationAttempt(
            publication_id, now, Asked.PUBLISH, Answer.PUBLISHED, "media-1"
        )
        await uow.attempts.add(attempt)
        await record(
            uow, SYSTEM, "published", Resource.POST, publication.post_id, now, "instagram: media-1"
        )
        await uow.events.add(publication_events.published(publication, now))
        await uow.publications.save(publication)
        await uow.commit()


async def measure(database: Path, posts: int, rounds: int) -> list[float]:
    engine = create_engine(f"sqlite:///{database}")
    try:
        await upgrade_database_async(engine)
        sessions = session_factory(engine)
        ids = iter(await _publications(SqlaUnitOfWork(sessions), posts * (rounds + 1)))
        per_round = []
        for number in range(rounds + 1):
            cpu = time.process_time()
            for _ in range(posts):
                await _publish(SqlaUnitOfWork(sessions), next(ids))
            if number:  # the first round warms the caches up
                per_round.append((time.process_time() - cpu) / posts)
        return per_round
    finally:
        await engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=300, help="publications in a round")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="autopost-") as work_dir:
        rounds = asyncio.run(measure(Path(work_dir) / "autopost.db", args.posts, args.rounds))
    each = " ".join(f"{1000 * seconds:.2f}" for seconds in rounds)
    print(f"CPU per publication, each round: {each} ms")
    print(f"CPU per publication, least:      {1000 * min(rounds):.2f} ms")


if __name__ == "__main__":
    main()
