"""A library video on Instagram: sent by the resumable upload on an account connected with
Facebook Login, by its signed link on one connected with Instagram Login."""

from __future__ import annotations

from datetime import timedelta

from autopost.application.integrations.credentials import ConnectAccount, SaveCredential
from autopost.application.ports.instagram_gateway import ContainerStatus
from autopost.domain.platform import Platform
from autopost.domain.post import ContentType
from autopost.domain.publication import PublicationStatus
from tests.harness import NOON, Harness

VIDEO = b"\x00\x00\x00\x18ftypisom" + bytes(range(256)) * 30
ACCOUNT = "17841400000000001"


async def reel_of_library_video(world: Harness, environment: str = "production") -> int:
    command = ConnectAccount(Platform.INSTAGRAM, ACCOUNT, "EAAG-token", environment=environment)
    use_case = SaveCredential(world.uow(), world.box, world.clock, world.pinterest_policy)
    await use_case.execute(world.actor, command)
    clip = await world.upload("dance.mp4", VIDEO, "video/mp4")
    world.clock.set(NOON - timedelta(minutes=10))
    await world.schedule(
        at=NOON, token=None, content_type=ContentType.REEL, url=f"library:{clip.id}"
    )
    return clip.id or 0


async def test_on_facebook_login_the_video_is_uploaded_not_linked() -> None:
    world = Harness()
    await reel_of_library_video(world)
    await world.run_until(NOON - timedelta(minutes=4))
    ((container_id, sent),) = world.gateway.uploads.items()
    assert sent == VIDEO
    (request,) = world.gateway.requests
    assert request.resumable and request.video_url is None
    world.gateway.container_states[container_id] = ContainerStatus.FINISHED
    await world.run_until(NOON + timedelta(minutes=1))
    (publication,) = world.store.rows["publications"].values()
    assert publication.status is PublicationStatus.PUBLISHED


async def test_on_instagram_login_the_video_is_linked() -> None:
    world = Harness()
    clip_id = await reel_of_library_video(world, environment="instagram")
    await world.run_until(NOON - timedelta(minutes=4))
    assert world.gateway.uploads == {}
    (request,) = world.gateway.requests
    assert not request.resumable
    assert (request.video_url or "").startswith(
        f"https://autopost.example/media-files/{clip_id}.mp4?"
    )
