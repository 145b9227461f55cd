"""HttpxPinterestGateway against Prism, a mock server that checks each request against
Pinterest's own OpenAPI description (``shared/contracts/pinterest/openapi-v5.json``).

Prism answers 400/422 to a request that breaks the schema and 401 to one without the right
credentials, and lists what it found wrong in an ``sl-violations`` header. Every call here must
succeed with no request violation. (Prism's ``--errors`` flag, which also checks answers, stays
off: the description's own examples fail it, so answers may carry response violations.)

Prism is an npm package pinned in ``tests/contract/package.json``: ``npm ci --prefix
tests/contract`` installs it.
"""

from __future__ import annotations

import json
import socket
import subprocess
import time
from collections.abc import AsyncIterator, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest
from platform_kit import FakeClock

from autopost.adapters.platforms.pinterest_api import HttpxPinterestGateway
from autopost.application.policy import PinterestPolicy
from autopost.application.ports.pinterest_gateway import (
    InlineImage,
    PinImage,
    PinRequest,
    PinVideo,
)
from autopost.application.ports.platform_errors import PermanentPlatformError

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[3]
CONTRACT = REPO.parent / "shared" / "contracts" / "pinterest" / "openapi-v5.json"
PRISM = REPO / "tests" / "contract" / "node_modules" / ".bin" / "prism"
INSTALL = "npm ci --prefix tests/contract"
STARTUP_SECONDS = 30.0

TOKEN = "pina_contract_test_token"
BOARD = "900579325426238155"
OAUTH = "https://www.pinterest.com/oauth/"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_until_answering(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"Prism exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            httpx.get(f"{url}/user_account", timeout=1.0)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    pytest.fail(f"Prism did not answer within {STARTUP_SECONDS} s:\n{log.read_text()[-3000:]}")


def unambiguous(contract: dict[str, Any]) -> dict[str, Any]:
    """The description with one defect mended: pin analytics' ``metric_types`` items are a
    ``oneOf`` of the standard and the video metrics, which both list IMPRESSION, SAVE,
    PIN_CLICK and OUTBOUND_CLICK, so those match two branches and no request asking for them
    could pass. As an ``anyOf`` each value is held to the union of the two enums, which is
    what Pinterest's reference lists."""
    schema = contract["components"]["parameters"]["query_pin_analytics_metric_types"]["schema"]
    items = schema["items"]
    assert "oneOf" in items, "the description changed: look again at metric_types"
    items["anyOf"] = items.pop("oneOf")
    return contract


@pytest.fixture(scope="session")
def prism(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of a Prism mock server serving the Pinterest description."""
    if not PRISM.exists():
        pytest.fail(f"Prism is not installed ({PRISM} is missing): run `{INSTALL}`.")
    assert CONTRACT.exists(), f"the Pinterest contract is missing: {CONTRACT}"
    port = free_port()
    folder = tmp_path_factory.mktemp("prism")
    log = folder / "prism.log"
    served = folder / "openapi-v5.json"
    served.write_text(json.dumps(unambiguous(json.loads(CONTRACT.read_text()))))
    with log.open("wb") as output:
        process = subprocess.Popen(
            [str(PRISM), "mock", "-p", str(port), "-h", "127.0.0.1", str(served)],
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_answering(url, process, log)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class Answers:
    """Every answer Prism gave, to look at its ``sl-violations``."""

    def __init__(self) -> None:
        self.responses: list[httpx.Response] = []

    async def record(self, response: httpx.Response) -> None:
        self.responses.append(response)

    def request_violations(self) -> list[str]:
        found = []
        for response in self.responses:
            for violation in violations(response):
                if violation.get("location", [None])[0] == "request":
                    found.append(
                        f"{response.request.method} {response.request.url.path}: "
                        f"{violation.get('message')}"
                    )
        return found


def violations(response: httpx.Response) -> list[dict[str, Any]]:
    raw = response.headers.get("sl-violations", "")
    if not raw:
        return []
    found: list[dict[str, Any]] = json.loads(raw)
    return found


@pytest.fixture
def answers() -> Answers:
    return Answers()


def make_gateway(client: httpx.AsyncClient, api_url: str) -> HttpxPinterestGateway:
    return HttpxPinterestGateway(
        client,
        api_url,
        OAUTH,
        "1484362",
        "client-secret",
        "https://autopost.test/auth/pinterest/callback/",
        FakeClock(),
    )


@pytest.fixture
async def gateway(prism: str, answers: Answers) -> AsyncIterator[HttpxPinterestGateway]:
    async with httpx.AsyncClient(event_hooks={"response": [answers.record]}) as client:
        yield make_gateway(client, prism)


def assert_follows_contract(answers: Answers, calls: int) -> None:
    assert len(answers.responses) == calls
    for response in answers.responses:
        assert response.is_success, f"{response.request.url}: {response.status_code}"
    assert answers.request_violations() == []


# --- the checker itself ----------------------------------------------------------------------


async def test_prism_reports_a_request_that_breaks_the_contract(
    prism: str, answers: Answers
) -> None:
    async with httpx.AsyncClient(event_hooks={"response": [answers.record]}) as client:
        await client.get(f"{prism}/boards", params={"page_size": 251}, headers=bearer())
        await client.get(f"{prism}/user_account")

    assert [r.status_code for r in answers.responses] == [400, 401]
    assert len(answers.request_violations()) == 2


async def test_a_pin_the_contract_forbids_is_refused_as_permanent(
    gateway: HttpxPinterestGateway, answers: Answers
) -> None:
    with pytest.raises(PermanentPlatformError):
        await gateway.create_pin(TOKEN, PinRequest("not-a-number", "https://cdn.test/a.jpg"))

    assert answers.request_violations()


def bearer() -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKEN}"}


# --- every operation the gateway uses --------------------------------------------------------


async def test_exchange_code_follows_the_contract(
    gateway: HttpxPinterestGateway, answers: Answers
) -> None:
    grant = await gateway.exchange_code("code-from-pinterest")

    assert grant.access_token
    assert_follows_contract(answers, 1)


async def test_refresh_follows_the_contract(
    gateway: HttpxPinterestGateway, answers: Answers
) -> None:
    grant = await gateway.refresh("pinr_refresh_token")

    assert grant.access_token
    assert_follows_contract(answers, 1)


async def test_user_account_follows_the_contract(
    gateway: HttpxPinterestGateway, answers: Answers
) -> None:
    account = await gateway.user_account(TOKEN)

    assert account.username
    assert_follows_contract(answers, 1)


async def test_list_boards_follows_the_contract_across_pages(
    gateway: HttpxPinterestGateway, answers: Answers
) -> None:
    boards = await gateway.list_boards(TOKEN)

    assert boards
    # Prism's example page always has a bookmark: the second page, with it, repeats it.
    assert_follows_contract(answers, 2)
    assert "bookmark" in answers.responses[1].request.url.params


async def test_board_follows_the_contract(gateway: HttpxPinterestGateway, answers: Answers) -> None:
    board = await gateway.board(TOKEN, BOARD)

    assert board is not None
    assert_follows_contract(answers, 1)


async def test_list_pins_follows_the_contract(
    gateway: HttpxPinterestGateway, answers: Answers
) -> None:
    pins = await gateway.list_pins(TOKEN, 2)

    assert pins
    assert_follows_contract(answers, 2)


async def test_board_pins_follows_the_contract(
    gateway: HttpxPinterestGateway, answers: Answers
) -> None:
    pins = await gateway.board_pins(TOKEN, BOARD, 1)

    assert pins
    assert_follows_contract(answers, 1)


@pytest.mark.parametrize(
    "pin",
    [
        PinRequest(
            board_id=BOARD,
            image_url="https://cdn.test/a.jpg",
            title="Что вернет этот код Python?".ljust(100, "x"),  # the most it allows
            description="Выбери правильный ответ\nA) 1\nB) 2",
            link="https://mini.quiz-code.test",
            alt_text="Code on a dark background",
        ),
        PinRequest(board_id=BOARD, image_url="https://cdn.test/a.jpg"),
        PinRequest(
            board_id=BOARD,
            image_url="",
            title="A dance",
            video=PinVideo("5212123920968240001", cover_image_url="https://cdn.test/c.jpg"),
        ),
        PinRequest(board_id=BOARD, image_url="", video=PinVideo("5212123920968240001", None, 3)),
        PinRequest(
            board_id=BOARD,
            image_url="",
            inline_image=InlineImage("image/png", b"\x89PNG\r\n\x1a\n a chart"),
        ),
        PinRequest(board_id=BOARD, image_url="https://cdn.test/a.jpg", board_section_id="5566"),
        PinRequest(
            board_id=BOARD,
            image_url="",
            title="Two images",
            alt_text="Two code snippets",
            board_section_id="5566",
            images=(
                PinImage(
                    "https://cdn.test/1.jpg",
                    title="One",
                    description="The first",
                    link="https://mini.quiz-code.test/1",
                ),
                PinImage("https://cdn.test/2.jpg"),
                PinImage("https://cdn.test/3.jpg"),
                PinImage("https://cdn.test/4.jpg"),
                PinImage("https://cdn.test/5.jpg"),  # the most it allows
            ),
        ),
    ],
    ids=[
        "every-field",
        "image-only",
        "video-with-cover-image",
        "video-with-key-frame",
        "image-in-the-request",
        "into-a-section",
        "multi-image",
    ],
)
async def test_create_pin_follows_the_contract(
    gateway: HttpxPinterestGateway, answers: Answers, pin: PinRequest
) -> None:
    created = await gateway.create_pin(TOKEN, pin)

    assert created.pin_id
    assert_follows_contract(answers, 1)


async def test_registering_a_video_follows_the_contract(
    gateway: HttpxPinterestGateway, answers: Answers
) -> None:
    upload = await gateway.register_video(TOKEN)

    assert upload.media_id and upload.upload_url
    assert_follows_contract(answers, 1)


async def test_asking_a_videos_status_follows_the_contract(
    gateway: HttpxPinterestGateway, answers: Answers
) -> None:
    await gateway.media_status(TOKEN, "5212123920968240001")

    assert_follows_contract(answers, 1)


async def test_board_sections_follow_the_contract_across_pages(
    gateway: HttpxPinterestGateway, answers: Answers
) -> None:
    sections = await gateway.board_sections(TOKEN, BOARD)

    assert sections
    assert_follows_contract(answers, 2)
    assert "bookmark" in answers.responses[1].request.url.params


async def test_six_images_break_the_contract(
    gateway: HttpxPinterestGateway, answers: Answers
) -> None:
    images = tuple(PinImage(f"https://cdn.test/{n}.jpg") for n in range(6))
    with pytest.raises(PermanentPlatformError):
        await gateway.create_pin(TOKEN, PinRequest(BOARD, "", images=images))

    assert answers.request_violations()


async def test_authorize_url_uses_the_contracts_consent_page_and_scopes() -> None:
    gateway = make_gateway(httpx.AsyncClient(), "https://api.pinterest.com/v5")
    flows = json.loads(CONTRACT.read_text())["components"]["securitySchemes"]
    code_flow = flows["pinterest_oauth2"]["flows"]["authorizationCode"]
    scopes = PinterestPolicy().scopes

    url = gateway.authorize_url("state", scopes)

    assert url.startswith(code_flow["authorizationUrl"] + "?")
    assert set(scopes) <= set(code_flow["scopes"])


async def test_pin_analytics_follows_the_contract(
    gateway: HttpxPinterestGateway, answers: Answers
) -> None:
    await gateway.pin_analytics(TOKEN, "813744226420795884", date(2026, 11, 30), date(2026, 12, 6))

    assert_follows_contract(answers, 1)
    sent = answers.responses[0].request.url.params
    assert sent["metric_types"] == "IMPRESSION,SAVE,PIN_CLICK,OUTBOUND_CLICK"


async def test_prism_still_refuses_a_metric_neither_enum_lists(
    prism: str, answers: Answers
) -> None:
    params = {"start_date": "2026-11-30", "end_date": "2026-12-06", "metric_types": "FAME"}
    async with httpx.AsyncClient(event_hooks={"response": [answers.record]}) as client:
        await client.get(f"{prism}/pins/1/analytics", params=params, headers=bearer())

    assert answers.request_violations()
