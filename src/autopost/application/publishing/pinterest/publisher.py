"""The Pinterest steps: a fresh token, the board, and the pin — never twice.

Creating a pin is not idempotent on Pinterest's side. The moment the first create request
is sent is saved before it is sent (``Checkpoint.PUBLISHING``); whenever a later attempt finds
that moment set, it looks for a pin with the same title and link on the board, created since
then, before creating one.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from autopost.application.pinterest.boards import BoardCatalog
from autopost.application.pinterest.tokens import PinterestTokens
from autopost.application.ports.pinterest_gateway import (
    PinImage,
    PinRequest,
    PinterestGateway,
    RemotePin,
)
from autopost.application.ports.platform_errors import AccessTokenRejected
from autopost.application.publishing.outcomes import Outcome, Published
from autopost.application.publishing.step import PublicationStep
from autopost.domain.board import Placement, choose_place
from autopost.domain.credential import Credential
from autopost.domain.post import PinContent

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
    ) -> None:
        self._gateway = gateway
        self._tokens = tokens
        self._catalog = catalog

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
        await step.checkpoint()
        request = PinRequest(
            board_id=board_id,
            image_url=pin.url or "",
            title=pin.title,
            description=pin.description,
            link=pin.link,
            alt_text=pin.alt_text,
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
