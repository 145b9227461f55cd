"""What publishing a post costs the database and the broker, end to end.

Every commit is a round trip, and on SQLite a turn of the one write lock: each one must be
needed. Before the publishing core had one owner of each transaction, a photo made ready ahead
and published cost 11 commits (3 to schedule it, 5 to make it ready, 3 at its second) and 2
messages.
"""

from datetime import datetime, timedelta

from tests.harness import NOON, Harness


async def test_a_photo_made_ready_ahead_and_published_costs_9_commits_and_2_messages() -> None:
    world = Harness()
    world.clock.set(NOON - timedelta(minutes=5))
    messages: list[int] = []
    enqueue = world.scheduler.enqueue

    def counting(publication_id: int, version: int, at: datetime) -> None:
        messages.append(publication_id)
        enqueue(publication_id, version, at)

    world.scheduler.enqueue = counting  # type: ignore[method-assign]

    def spent() -> tuple[int, int]:
        return world.store.commits, len(messages)

    view = await world.schedule(at=NOON)
    # The post with its publication; after it, the message to make it ready, recorded as sent.
    assert spent() == (2, 1)
    await world.run_until(NOON - timedelta(seconds=1))
    # The claim; the place in the quota, before the container is asked for; the post made
    # ready; after it, the message for its second, recorded as sent.
    assert spent() == (6, 2)
    await world.run_until(NOON)
    # The claim, which records the request to publish; the post published; its address.
    assert spent() == (9, 2)
    assert view.post.id is not None
    published = (await world.get(view.post.id)).publication
    assert (published.published_at, published.permalink is not None) == (NOON, True)
