"""The Pinterest steps: a fresh token, the board, and the pin — never twice.

Creating a pin is not idempotent on Pinterest's side. The moment the first create request
is sent is saved before it is sent (``Checkpoint.PUBLISHING``); whenever a later attempt finds
that moment set, it looks for a pin with the same title and link on the board, created since
then, before creating one.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from autopost.application.library.inline_images import InlineImages
from autopost.application.library.links import MediaLinks
from autopost.application.pinterest.boards import BoardCatalog
from autopost.application.pinterest.tokens import PinterestTokens
from autopost.application.ports.pinterest_gateway import (
    PinImage,
    PinRequest,
    PinterestGateway,
    PinVideo,
    RemotePin,
)
from autopost.application.ports.platform_errors import AccessTokenRejected, PermanentPlatformError
from autopost.application.publishing.outcomes import Outcome, Published
from autopost.application.publishing.pinterest.video_upload import PinterestVideoUpload
from autopost.application.publishing.step import PublicationStep
from autopost.domain.board import Placement, choose_place
from autopost.domain.credential import Credential
from autopost.domain.post import ContentType, PinContent

RECONCILE_SLACK = timedelta(minutes=2)
RECONCILE_PAGES = 2


def pin_permalink(pin_id: str) -> str:
    return f"https://www.pinterest.com/pin/{pin_id}/"


class PinterestPublisher:
    def __init__(
        self,
        gateway: PinterestGateway,
        tokens: PinterestTokens,
        catalog: BoardCatalog,
        links: MediaLinks | None = None,
        videos: PinterestVideoUpload | None = None,
        inline: InlineImages | None = None,
    ) -> None:
        """``links``: makes a pin's library references signed addresses Pinterest fetches.
        ``videos``: uploads a video pin's file (without it, a video pin fails). ``inline``:
        reads a library image to send in the request, when ``links`` cannot reach Pinterest
        (no public https address)."""
        self._gateway = gateway
        self._tokens = tokens
        self._catalog = catalog
        self._links = links
        self._videos = videos
        self._inline = inline

    async def advance(self, step: PublicationStep, credential: Credential) -> Outcome:
        self._tokens.check_environment(credential)
        pin = (await step.post()).content_for(PinContent)
        publication = step.publication
        token = await self._tokens.access_token(credential)
        board_id = publication.board_id
        if board_id is None:
            place = await self._place(pin, credential)
            publication.send_to_board(place.board_id, now=step.now(), section_id=place.section_id)
            board_id = place.board_id
        if publication.publish_requested_at is not None:
            found = await self._already_created(token, board_id, pin, step)
            if found is not None:
                return Published(found.pin_id, pin_permalink(found.pin_id))
        fetched = pin if self._links is None else await self._links.resolved(pin)
        video, inline_image = None, None
        if (
            pin.content_type is ContentType.PHOTO
            and self._inline is not None
            and (self._links is None or not self._links.reach_platforms())
        ):
            inline_image = await self._inline.image(pin.url)
        if pin.content_type is ContentType.VIDEO:
            # Uploaded before the pin's request is recorded: an upload is no pin, and one
            # cut short is made again.
            video = await self._video(token, pin, fetched)
        await step.checkpoint()
        request = PinRequest(
            board_id=board_id,
            image_url="" if video or inline_image else fetched.url or "",
            title=pin.title,
            description=pin.description,
            link=pin.link,
            alt_text=pin.alt_text,
            video=video,
            inline_image=inline_image,
            board_section_id=publication.board_section_id,
            images=tuple(
                PinImage(
                    url=image["url"],
                    title=image.get("title"),
                    description=image.get("description"),
                    link=image.get("link"),
                )
                for image in pin.images or ()
            ),
        )
        try:
            created = await self._gateway.create_pin(token, request)
        except AccessTokenRejected:
            # Refused before anything was created: renew the token once and try again.
            token = await self._tokens.renew(credential)
            created = await self._gateway.create_pin(token, request)
        return Published(created.pin_id, pin_permalink(created.pin_id))

    async def _video(self, token: str, pin: PinContent, fetched: PinContent) -> PinVideo:
        """The video uploaded and processed, with its cover: the cover image's address, or
        the first frame."""
        if self._videos is None:
            raise PermanentPlatformError("This Autopost does not upload videos to Pinterest.")
        media_id = await self._videos.media_id(token, pin.url)
        if fetched.cover_url:
            return PinVideo(media_id, cover_image_url=fetched.cover_url)
        return PinVideo(media_id, cover_key_frame_time=0)

    async def addresses(self, credential: Credential, remote_ids: Sequence[str]) -> dict[str, str]:
        return {remote_id: pin_permalink(remote_id) for remote_id in remote_ids}

    async def _place(self, pin: PinContent, credential: Credential) -> Placement:
        """For a pin that has none yet (scheduled before boards were chosen when a pin is
        scheduled): chosen now from the account's boards and sections, read (and refreshed
        when old) in the catalog's own transactions, not the step's."""
        boards = await self._catalog.current(credential)
        sections = await self._catalog.cached_sections(credential)
        return choose_place(pin.topic, boards, sections, credential.default_board_id)

    async def _already_created(
        self, token: str, board_id: str, pin: PinContent, step: PublicationStep
    ) -> RemotePin | None:
        requested = step.publication.publish_requested_at
        assert requested is not None
        since = requested - RECONCILE_SLACK
        for found in await self._gateway.board_pins(token, board_id, RECONCILE_PAGES):
            if (
                found.title == pin.title
                and found.link == pin.link
                and (found.created_at is None or found.created_at >= since)
            ):
                return found
        return None
