"""The seeded sandboxed world (``sandboxed_world``) with a Publisher, a Contributor and an
Observer who sign in through the form, and what the queue, approval and accounts pages'
tests put in it through the use cases."""

from __future__ import annotations

from datetime import UTC, datetime

from sandboxed_world import PASSWORD, add_user

from autopost.application.access import Actor
from autopost.application.posting.posts import SchedulePost
from autopost.domain.access import Role
from autopost.domain.post import ContentType, InstagramContent
from autopost.domain.user import User
from autopost.entrypoints.container import Container

INSTAGRAM = 1  # the seeded Instagram account's credential
PINTEREST = 2  # the seeded Pinterest account's credential
QUEUED_POST = 1  # the seeded post, in the Instagram account's queue
# Not a slot of the Instagram account: a post there is in no queue.
OFF_SLOT = datetime(2031, 3, 3, 10, 17, tzinfo=UTC)


async def add_people(container: Container) -> dict[Role, User]:
    password_hash = container.infrastructure.password_hasher().hash(PASSWORD)
    people = {}
    for role in (Role.PUBLISHERS, Role.CONTRIBUTORS, Role.OBSERVERS):
        people[role] = await add_user(container, role.lower(), role, password_hash)
    return people


def actor_of(user: User, role: Role) -> Actor:
    return Actor.of(user.id, [role], False, user.username)


ADMIN = Actor.of(1, [Role.ADMINISTRATORS], True, "admin")


async def awaiting_approval(
    container: Container, contributor: User, caption: str = "Autumn sale", at: datetime = OFF_SLOT
) -> int:
    """A Contributor's post to the Instagram account, which then requires approval (and
    then no longer does, as seeded): it waits for a reviewer."""
    approval = container.posting.set_account_approval()
    await approval.execute(ADMIN, INSTAGRAM, True)
    content = InstagramContent(
        content_type=ContentType.PHOTO, url="https://cdn.example.com/sale.jpg", caption=caption
    )
    view = await container.posting.schedule_post().execute(
        actor_of(contributor, Role.CONTRIBUTORS),
        SchedulePost(content=content, date_pub=at, credential_id=INSTAGRAM),
    )
    await container.posting.set_account_approval().execute(ADMIN, INSTAGRAM, False)
    assert view.post.id is not None
    return view.post.id


async def queued(container: Container, caption: str, actor: Actor = ADMIN) -> int:
    """Another post in the Instagram account's queue (its next free slot), by ``actor``."""
    content = InstagramContent(
        content_type=ContentType.PHOTO, url="https://cdn.example.com/q.jpg", caption=caption
    )
    view = await container.posting.schedule_post().execute(
        actor, SchedulePost(content=content, credential_id=INSTAGRAM, queue=True)
    )
    assert view.post.id is not None
    return view.post.id
