"""What publishing a post costs the database and the broker, end to end.

Every commit is a round trip, and on SQLite a turn of the one write lock: each one must be
needed. Before the publishing core had one owner of each transaction, a photo made ready ahead
and published cost 11 commits (3 to schedule it, 5 to make it ready, 3 at its second) and 2
messages; while a message's sending was recorded in a transaction of its own, 9.
"""

from datetime import datetime, timedelta

from tests.harness import NOON, Harness


async def test_a_photo_made_ready_ahead_and_published_costs_7_commits_and_2_messages() -> None:
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
    # The post with its publication, noting the message to make it ready; the message after it.
    assert spent() == (1, 1)
    await world.run_until(NOON - timedelta(seconds=1))
    # The claim; the place in the quota, before the container is asked for; the post made
    # ready, noting the message for its second; the message after it.
    assert spent() == (4, 2)
    await world.run_until(NOON)
    # The claim, which records the request to publish; the post published; its address.
    assert spent() == (7, 2)
    assert view.post.id is not None
    published = (await world.get(view.post.id)).publication
    assert (published.published_at, published.permalink is not None) == (NOON, True)
