"""``PinterestGateway`` (and ``PinterestAnalyticsGateway``) over httpx: Pinterest API v5 and
its OAuth token endpoint."""

from __future__ import annotations

import base64
import logging
import time
from collections.abc import AsyncIterable
from datetime import date
from typing import Any
from urllib.parse import quote

import httpx
from attrs import frozen

from autopost.adapters.observability.platform_calls import record_call, record_held_back
from autopost.adapters.platforms import pinterest_answers as answers
from autopost.adapters.platforms.multipart_stream import streamed_form
from autopost.adapters.platforms.pinterest_analytics import METRIC_TYPES, pin_days
from autopost.adapters.platforms.pinterest_errors import (
    PLATFORM,
    Purpose,
    parse_pinterest_error,
    pinterest_error,
)
from autopost.adapters.platforms.pinterest_rate_limit import TokenThrottle, refused_for
from autopost.adapters.platforms.transport_errors import (
    Method,
    transport_error,
    unexpected_answer,
)
from autopost.application.ports.clock import Clock
from autopost.application.ports.pinterest_gateway import (
    MediaStatus,
    PinRequest,
    PinterestAccount,
    RemoteBoard,
    RemotePin,
    RemoteSection,
    TokenGrant,
    VideoUpload,
)
from autopost.application.ports.platform_errors import (
    PermanentPlatformError,
    PlatformBusy,
    PlatformError,
    TransientPlatformError,
)
from autopost.domain.insights import PinDay

logger = logging.getLogger(__name__)

PAGE_SIZE = 250  # the contract's maximum for every list used here
BOARD_PAGES = 100  # "every board" stops somewhere: 25,000 boards
SECTION_PAGES = 20  # and every section of a board: 5,000
PLATFORM_NAME = "pinterest"  # as the metrics and log lines name it


@frozen
class _Call:
    method: Method
    path: str
    purpose: Purpose
    board_id: str | None = None  # the board the call is about: a 404 means it is gone


class HttpxPinterestGateway:
    """Never waits: near a rate limit it raises ``PlatformBusy`` so the caller defers the work.

    It remembers rate limits between calls, so one instance should serve the whole process."""

    def __init__(
        self,
        client: httpx.AsyncClient,
        api_url: str,
        oauth_url: str,
        client_id: str,
        client_secret: str,
        redirect_uri: str,
        clock: Clock,
    ) -> None:
        self._client = client
        self._api_url = api_url.rstrip("/")
        self._oauth_url = oauth_url
        self._client_id = client_id
        self._client_secret = client_secret
        self._redirect_uri = redirect_uri
        self._clock = clock
        self._throttle = TokenThrottle(clock)
        basic = base64.b64encode(f"{client_id}:{client_secret}".encode()).decode()
        # What could show the client secret if an answer echoed it back.
        self._app_secrets = (client_secret, basic) if client_secret else ()

    def is_set_up(self) -> bool:
        return bool(self._client_id and self._client_secret)

    def authorize_url(self, state: str, scopes: tuple[str, ...]) -> str:
        params = {
            "client_id": self._client_id,
            "redirect_uri": self._redirect_uri,
            "response_type": "code",
            "scope": ",".join(scopes),
            "state": state,
        }
        # Pinterest documents the scopes comma-separated; keep them readable.
        query = "&".join(
            f"{name}={quote(value, safe=':,' if name == 'scope' else '')}"
            for name, value in params.items()
        )
        return f"{self._oauth_url}{'&' if '?' in self._oauth_url else '?'}{query}"

    async def exchange_code(self, code: str) -> TokenGrant:
        form = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": self._redirect_uri,
        }
        return await self._grant(Purpose.CONNECT, form, code)

    async def refresh(self, refresh_token: str) -> TokenGrant:
        form = {"grant_type": "refresh_token", "refresh_token": refresh_token}
        return await self._grant(Purpose.RENEW, form, refresh_token)

    async def user_account(self, access_token: str) -> PinterestAccount:
        body = await self._bearer(_Call("GET", "user_account", Purpose.READ), access_token)
        found = answers.account(body)
        if found is None:
            raise unexpected_answer("GET", "username", PLATFORM)
        return found

    async def list_boards(self, access_token: str) -> list[RemoteBoard]:
        call = _Call("GET", "boards", Purpose.READ)
        items = await self._pages(call, access_token, BOARD_PAGES)
        return [found for item in items if (found := answers.board(item)) is not None]

    async def board(self, access_token: str, board_id: str) -> RemoteBoard | None:
        call = _Call("GET", f"boards/{_segment(board_id)}", Purpose.READ)
        response = await self._authorized(call, access_token)
        if response.status_code == 404:
            return None
        found = answers.board(self._object(call, response, self._secrets(access_token)))
        if found is None:
            raise unexpected_answer("GET", "board id and name", PLATFORM)
        return found

    async def board_sections(self, access_token: str, board_id: str) -> list[RemoteSection]:
        call = _Call("GET", f"boards/{_segment(board_id)}/sections", Purpose.READ)
        # A board that is gone has no sections to pick.
        items = await self._pages(call, access_token, SECTION_PAGES, none_when_missing=True)
        return [found for item in items if (found := answers.section(item)) is not None]

    async def list_pins(self, access_token: str, max_pages: int) -> list[RemotePin]:
        items = await self._pages(_Call("GET", "pins", Purpose.READ), access_token, max_pages)
        return [found for item in items if (found := answers.pin(item)) is not None]

    async def board_pins(self, access_token: str, board_id: str, max_pages: int) -> list[RemotePin]:
        call = _Call("GET", f"boards/{_segment(board_id)}/pins", Purpose.READ, board_id)
        items = await self._pages(call, access_token, max_pages)
        return [found for item in items if (found := answers.pin(item, board_id)) is not None]

    async def create_pin(self, access_token: str, pin: PinRequest) -> RemotePin:
        body: dict[str, Any] = {
            "board_id": pin.board_id,
            "board_section_id": pin.board_section_id,
            "media_source": _media_source(pin),
            "title": pin.title,
            "description": pin.description,
            "link": pin.link,
            "alt_text": pin.alt_text,
        }
        payload = {name: value for name, value in body.items() if value is not None}
        call = _Call("POST", "pins", Purpose.PUBLISH, pin.board_id)
        created = answers.pin(await self._bearer(call, access_token, json=payload), pin.board_id)
        if created is None:
            raise unexpected_answer("POST", "pin id", PLATFORM)
        return created

    async def pin_analytics(
        self, access_token: str, pin_id: str, start: date, end: date
    ) -> list[PinDay]:
        params = {
            "start_date": start.isoformat(),
            "end_date": end.isoformat(),
            "metric_types": METRIC_TYPES,
        }
        call = _Call("GET", f"pins/{_segment(pin_id)}/analytics", Purpose.READ)
        return pin_days(await self._bearer(call, access_token, params=params))

    async def register_video(self, access_token: str) -> VideoUpload:
        call = _Call("POST", "media", Purpose.PUBLISH)
        body = await self._bearer(call, access_token, json={"media_type": "video"})
        media_id, url, parameters = (
            body.get("media_id"),
            body.get("upload_url"),
            body.get("upload_parameters"),
        )
        if not (
            isinstance(media_id, str) and isinstance(url, str) and isinstance(parameters, dict)
        ):
            raise unexpected_answer("POST", "media upload", PLATFORM)
        fields = {str(k): str(v) for k, v in parameters.items()}
        return VideoUpload(media_id, url, fields)

    async def upload_video(
        self, upload: VideoUpload, chunks: AsyncIterable[bytes], size: int, filename: str
    ) -> None:
        # The form's own type is the request's; the other parameters are its fields.
        fields = {k: v for k, v in upload.upload_parameters.items() if k != "Content-Type"}
        form = streamed_form(fields, "file", filename, "video/mp4", chunks, size)
        started = time.perf_counter()
        try:
            response = await self._client.post(
                upload.upload_url,
                content=form.body,
                headers={"Content-Type": form.content_type, "Content-Length": str(form.length)},
            )
        except httpx.RequestError as exc:
            record_call(PLATFORM_NAME, "POST", "media upload", None, 0.0, type(exc).__name__)
            raise transport_error(exc, "POST", PLATFORM) from None
        took = time.perf_counter() - started
        record_call(PLATFORM_NAME, "POST", "media upload", response.status_code, took)
        if response.status_code >= 500:
            raise TransientPlatformError(f"Pinterest's upload answered {response.status_code}.")
        if response.is_error:
            # The bucket's refusal (an expired or wrong policy): register again.
            raise PermanentPlatformError(
                f"Pinterest refused the video's upload (HTTP {response.status_code})."
            )

    async def media_status(self, access_token: str, media_id: str) -> MediaStatus:
        call = _Call("GET", f"media/{_segment(media_id)}", Purpose.PUBLISH)
        body = await self._bearer(call, access_token)
        try:
            return MediaStatus(str(body.get("status")))
        except ValueError:
            raise unexpected_answer("GET", "media status", PLATFORM) from None

    async def _grant(self, purpose: Purpose, form: dict[str, str], secret: str) -> TokenGrant:
        call = _Call("POST", "oauth/token", purpose)
        response = await self._send(
            call, data=form, auth=httpx.BasicAuth(self._client_id, self._client_secret)
        )
        grant = answers.token_grant(self._object(call, response, (secret, *self._app_secrets)))
        if grant is None:
            raise unexpected_answer("POST", "access token", PLATFORM)
        return grant

    async def _pages(
        self, call: _Call, access_token: str, max_pages: int, none_when_missing: bool = False
    ) -> list[answers.Json]:
        """Items of up to ``max_pages`` pages, following ``bookmark`` until there is none
        (``none_when_missing``: none when Pinterest answers 404, the thing listed is gone)."""
        items: list[answers.Json] = []
        params: dict[str, str | int] = {"page_size": PAGE_SIZE}
        asked: set[str] = set()
        for _ in range(max_pages):
            response = await self._authorized(call, access_token, params=params)
            if none_when_missing and response.status_code == 404:
                return items
            body = self._object(call, response, self._secrets(access_token))
            page = answers.page(body)
            if page is None:
                raise unexpected_answer("GET", "items", PLATFORM)
            found, bookmark = page
            items.extend(found)
            # A bookmark already followed would go round in circles.
            if bookmark is None or bookmark in asked:
                break
            asked.add(bookmark)
            params = {"page_size": PAGE_SIZE, "bookmark": bookmark}
        return items

    async def _bearer(self, call: _Call, access_token: str, **request: Any) -> answers.Json:
        response = await self._authorized(call, access_token, **request)
        return self._object(call, response, self._secrets(access_token))

    async def _authorized(self, call: _Call, access_token: str, **request: Any) -> httpx.Response:
        try:
            self._throttle.check(access_token)
        except PlatformBusy:
            record_held_back(PLATFORM)
            raise
        # The token goes in a header only: URLs end up in logs.
        headers = {"Authorization": f"Bearer {access_token}"}
        response = await self._send(call, headers=headers, **request)
        self._throttle.observe(access_token, response.headers)
        if response.status_code == 429:
            # A refusal that says when to come back holds the token back until then.
            wait = refused_for(response.headers, self._clock.now())
            if wait is not None:
                self._throttle.hold(access_token, wait)
        return response

    async def _send(self, call: _Call, **request: Any) -> httpx.Response:
        url = f"{self._api_url}/{call.path}"
        started = time.perf_counter()
        try:
            response = await self._client.request(call.method, url, **request)
        except httpx.RequestError as exc:
            took = time.perf_counter() - started
            record_call(PLATFORM_NAME, call.method, call.path, None, took, type(exc).__name__)
            raise transport_error(exc, call.method, PLATFORM) from None
        took = time.perf_counter() - started
        record_call(PLATFORM_NAME, call.method, call.path, response.status_code, took)
        return response

    def _object(
        self, call: _Call, response: httpx.Response, secrets: tuple[str, ...]
    ) -> answers.Json:
        """The answer's JSON object, or the error the answer stands for."""
        if response.is_error:
            raise self._refusal(call, response, secrets)
        try:
            body = response.json()
        except ValueError:
            body = None
        if not isinstance(body, dict):
            raise unexpected_answer(call.method, "JSON object", PLATFORM)
        return body

    def _secrets(self, access_token: str) -> tuple[str, ...]:
        return (access_token, *self._app_secrets)

    def _refusal(
        self, call: _Call, response: httpx.Response, secrets: tuple[str, ...]
    ) -> PlatformError:
        error = parse_pinterest_error(response, *secrets)
        logger.warning(
            "Pinterest %s %s: %s code=%s", call.method, call.path, error.status, error.code
        )
        wait = refused_for(response.headers, self._clock.now())
        return pinterest_error(error, call.method, call.purpose, wait, call.board_id)


def _media_source(pin: PinRequest) -> dict[str, Any]:
    if pin.inline_image is not None:
        return {
            "source_type": "image_base64",
            "content_type": pin.inline_image.content_type,
            "data": base64.b64encode(pin.inline_image.data).decode(),
        }
    if pin.images:
        items = [
            {
                name: value
                for name, value in (
                    ("url", image.url),
                    ("title", image.title),
                    ("description", image.description),
                    ("link", image.link),
                )
                if value is not None
            }
            for image in pin.images
        ]
        return {"source_type": "multiple_image_urls", "items": items}
    if pin.video is None:
        return {"source_type": "image_url", "url": pin.image_url}
    source: dict[str, Any] = {"source_type": "video_id", "media_id": pin.video.media_id}
    if pin.video.cover_image_url is not None:
        source["cover_image_url"] = pin.video.cover_image_url
    else:
        source["cover_image_key_frame_time"] = pin.video.cover_key_frame_time or 0
    return source


def _segment(value: str) -> str:
    return quote(value, safe="")
