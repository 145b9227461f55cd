"""A slow platform: every platform call waits the latency set at start (``autopost sandbox
--delay-ms``) or through ``/_sandbox/latency`` before it is answered; control calls never wait.
The sandbox is given a sleep that records what it was asked (and moves the hand-moved clock), so
these tests see each wait without spending it; one test on the real server checks that waits
overlap."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable

import httpx
import pytest
from click.testing import CliRunner
from sandbox_kit import AUTH, USER, FakeClock
from starlette.applications import Starlette

from autopost.entrypoints import cli
from autopost.sandbox import SandboxSettings, create_app
from autopost.sandbox import app as sandbox_app
from autopost.sandbox.demo_keys import GEMINI_DEMO_KEY
from autopost.sandbox.latency import PlatformLatency
from autopost.sandbox.pinterest_settings import PINTEREST_DEMO_ACCESS_TOKEN

pytestmark = pytest.mark.integration

IMAGE = "https://cdn.example.com/photo.jpg"
# One call per emulated platform, each answered 200 while nothing is wrong.
PLATFORM_CALLS = {
    "Graph": ("GET", "/v24.0/me", AUTH),
    "Facebook Login": ("GET", "/oauth/access_token", {}),
    "Pinterest": (
        "GET",
        "/pinterest/v5/user_account",
        {"Authorization": f"Bearer {PINTEREST_DEMO_ACCESS_TOKEN}"},
    ),
    "Gemini": ("GET", "/gemini/v1beta/models", {"x-goog-api-key": GEMINI_DEMO_KEY}),
}


class RecordingSleep:
    """Sleeps no time: records each wait asked for and moves the clock on by it."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.asked: list[float] = []
        self.during: list[object] = []
        self.look_at: Callable[[], object] = lambda: None

    async def __call__(self, seconds: float) -> None:
        self.asked.append(seconds)
        self.during.append(self.look_at())
        self.clock.advance(seconds=seconds)


class Draws:
    """Jitter drawn by the test: each draw is the bound ``pick`` names, and is recorded."""

    def __init__(self, pick: str = "high") -> None:
        self.pick = pick
        self.asked: list[tuple[float, float]] = []

    def __call__(self, low: float, high: float) -> float:
        self.asked.append((low, high))
        return high if self.pick == "high" else low


@pytest.fixture
def latency() -> PlatformLatency:
    return PlatformLatency(ms=500)


@pytest.fixture
def sleep(clock: FakeClock) -> RecordingSleep:
    return RecordingSleep(clock)


@pytest.fixture
def draws() -> Draws:
    return Draws()


@pytest.fixture
def slow_app(
    clock: FakeClock, sleep: RecordingSleep, draws: Draws, latency: PlatformLatency
) -> Starlette:
    """The sandbox started with ``latency``, on the recording sleep."""
    return create_app(SandboxSettings(latency=latency), clock=clock, sleep=sleep, draw=draws)


@pytest.fixture
async def slow(slow_app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=slow_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
        yield client


async def call(client: httpx.AsyncClient, name: str) -> None:
    method, path, headers = PLATFORM_CALLS[name]
    answer = await client.request(method, path, headers=headers)
    assert answer.status_code < 500, f"{name}: {answer.status_code} {answer.text}"


async def set_latency(client: httpx.AsyncClient, body: dict[str, object]) -> dict[str, object]:
    answer = await client.put("/_sandbox/latency", json=body)
    assert answer.status_code == 200, answer.text
    settings: dict[str, object] = answer.json()
    return settings


async def created_container(client: httpx.AsyncClient) -> str:
    answer = await client.post(f"{USER}/media", data={"image_url": IMAGE}, headers=AUTH)
    assert answer.status_code == 200, answer.text
    return str(answer.json()["id"])


@pytest.mark.parametrize("latency", [PlatformLatency()])
async def test_a_sandbox_started_without_a_delay_answers_at_once(
    slow: httpx.AsyncClient, sleep: RecordingSleep
) -> None:
    for name in PLATFORM_CALLS:
        await call(slow, name)
    assert sleep.asked == []


@pytest.mark.parametrize("name", PLATFORM_CALLS)
async def test_every_platform_call_waits_the_delay_it_was_started_with(
    slow: httpx.AsyncClient, sleep: RecordingSleep, name: str
) -> None:
    await call(slow, name)
    assert sleep.asked == [0.5]


async def test_control_calls_never_wait(slow: httpx.AsyncClient, sleep: RecordingSleep) -> None:
    for path in ("/_sandbox/", "/_sandbox/requests", "/_sandbox/latency", "/_sandbox/services"):
        assert (await slow.get(path)).status_code == 200, path
    await set_latency(slow, {"ms": 50})
    assert (await slow.post("/_sandbox/instagram/accounts", json={})).status_code == 201
    assert sleep.asked == []


async def test_a_service_that_is_down_answers_at_once(
    slow: httpx.AsyncClient, sleep: RecordingSleep
) -> None:
    """Its front answers for it, as a platform's load balancer does."""
    await slow.put("/_sandbox/services/instagram", json={"down": True})
    answer = await slow.get("/v24.0/me", headers=AUTH)
    assert answer.status_code == 503
    assert sleep.asked == []


async def test_a_publish_is_made_at_the_end_of_the_wait_and_dated_when_the_call_arrived(
    slow: httpx.AsyncClient, slow_app: Starlette, sleep: RecordingSleep, clock: FakeClock
) -> None:
    """Lateness is measured to the arrival of ``media_publish``, the moment Autopost asked."""
    container = await created_container(slow)
    arrived = clock.now()
    state = slow_app.state.sandbox.instagram.state
    sleep.look_at = lambda: len(state.published)

    answer = await slow.post(f"{USER}/media_publish", data={"creation_id": container}, headers=AUTH)

    assert answer.status_code == 200, answer.text
    assert sleep.during[-1] == 0  # not published yet while the call waited
    assert clock.now() > arrived
    events = (await slow.get("/_sandbox/instagram/published")).json()["data"]
    assert [e["published_at"] for e in events] == [arrived.isoformat(timespec="microseconds")]


async def test_the_latency_is_changed_at_run_time_and_read_back(
    slow: httpx.AsyncClient, sleep: RecordingSleep
) -> None:
    assert (await slow.get("/_sandbox/latency")).json() == {
        "ms": 500,
        "jitter_ms": 0,
        "endpoints": {},
    }
    changed = await set_latency(slow, {"ms": 50})
    await call(slow, "Graph")
    await call(slow, "Pinterest")

    assert changed == {"ms": 50, "jitter_ms": 0, "endpoints": {}}
    assert (await slow.get("/_sandbox/latency")).json() == changed
    assert sleep.asked == [0.05, 0.05]


async def test_a_change_names_only_what_it_changes(slow: httpx.AsyncClient) -> None:
    await set_latency(slow, {"jitter_ms": 20, "endpoints": {"media_publish": 2000}})
    changed = await set_latency(slow, {"ms": 100})
    assert changed == {"ms": 100, "jitter_ms": 20, "endpoints": {"media_publish": 2000}}


async def test_an_endpoint_of_its_own_waits_its_own_delay(
    slow: httpx.AsyncClient, sleep: RecordingSleep
) -> None:
    await set_latency(slow, {"ms": 100, "endpoints": {"media_publish": 2000, "v5/pins": 300}})
    container = await created_container(slow)
    await slow.post(f"{USER}/media_publish", data={"creation_id": container}, headers=AUTH)
    await call(slow, "Pinterest")

    assert sleep.asked == [0.1, 2.0, 0.1]


@pytest.mark.parametrize(
    ("endpoints", "path", "expected"),
    [
        ({"media_publish": 2000}, "/v24.0/17841/media_publish", 2000),
        ({"media_publish": 2000}, "/v24.0/17841/media_publish/", 2000),
        ({"media": 300}, "/v24.0/17841/media_publish", 100),  # whole segments only
        ({"publish": 300}, "/v24.0/17841/media_publish", 100),
        ({"pins": 300, "v5/pins": 400}, "/pinterest/v5/pins", 400),  # the longest fits best
        ({"pins": 300}, "/pinterest/v5/pins/123", 100),  # a pin, not the pins
    ],
)
def test_an_endpoint_is_the_end_of_a_path_in_whole_segments(
    endpoints: dict[str, float], path: str, expected: float
) -> None:
    assert PlatformLatency(ms=100, endpoints=endpoints).base_ms(path) == expected


@pytest.mark.parametrize(
    ("pick", "latency", "expected"),
    [
        ("high", PlatformLatency(ms=500, jitter_ms=100), [0.6]),
        ("low", PlatformLatency(ms=500, jitter_ms=100), [0.4]),
        ("low", PlatformLatency(ms=50, jitter_ms=100), []),  # never below zero
    ],
)
async def test_jitter_draws_each_delay_within_that_many_ms_of_it(
    slow: httpx.AsyncClient,
    sleep: RecordingSleep,
    draws: Draws,
    pick: str,
    expected: list[float],
) -> None:
    draws.pick = pick
    await call(slow, "Graph")
    assert draws.asked == [(-100, 100)]
    assert sleep.asked == pytest.approx(expected)


@pytest.mark.parametrize("latency", [PlatformLatency(ms=500, endpoints={"media_publish": 2000})])
async def test_a_reset_brings_back_the_latency_the_sandbox_started_with(
    slow: httpx.AsyncClient, sleep: RecordingSleep
) -> None:
    await set_latency(slow, {"ms": 5, "jitter_ms": 1, "endpoints": {}})
    assert (await slow.post("/_sandbox/reset")).status_code == 200
    await call(slow, "Graph")

    assert (await slow.get("/_sandbox/latency")).json() == {
        "ms": 500,
        "jitter_ms": 0,
        "endpoints": {"media_publish": 2000},
    }
    assert sleep.asked == [0.5]


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ({"ms": -1}, "ms must be a number of milliseconds from 0 to 600000"),
        ({"ms": "500"}, "ms must be a number"),
        ({"ms": True}, "ms must be a number"),
        ({"ms": 600_001}, "ms must be a number"),
        ({"jitter_ms": None}, "jitter_ms must be a number"),
        ({"delay": 500}, "unknown field delay; known: ms, jitter_ms, endpoints"),
        ({"endpoints": ["media_publish"]}, "endpoints must be an object"),
        ({"endpoints": {"/": 5}}, "an endpoint is the end of a path"),
        ({"endpoints": {"media_publish": -5}}, "endpoints.media_publish must be a number"),
    ],
)
async def test_a_wrong_latency_is_refused_with_a_sentence_and_nothing_changes(
    slow: httpx.AsyncClient, body: dict[str, object], says: str
) -> None:
    answer = await slow.put("/_sandbox/latency", json=body)
    assert answer.status_code == 400
    assert says in answer.json()["error"]
    assert (await slow.get("/_sandbox/latency")).json()["ms"] == 500


@pytest.fixture
def live_sandbox_settings() -> SandboxSettings:
    return SandboxSettings(latency=PlatformLatency(ms=200))


async def test_calls_in_flight_wait_together_not_one_after_another(live_sandbox: str) -> None:
    """Loose on purpose: 20 calls of 200 ms take 4 s one after another, about 0.2 s at once."""
    limits = httpx.Limits(max_connections=20)
    async with httpx.AsyncClient(base_url=live_sandbox, limits=limits) as client:
        started = time.monotonic()
        answers = await asyncio.gather(*(client.get("/v24.0/me", headers=AUTH) for _ in range(20)))
        elapsed = time.monotonic() - started
    assert {a.status_code for a in answers} == {200}
    assert 0.2 <= elapsed < 2.0


def test_the_command_starts_the_sandbox_with_the_latency_it_is_given(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    started: list[SandboxSettings] = []
    monkeypatch.setattr(sandbox_app, "run", lambda host, port, settings: started.append(settings))
    arguments = ["--delay-ms", "500", "--jitter-ms", "50", "--endpoint-delay", "media_publish=2000"]

    done = CliRunner().invoke(cli.main, ["sandbox", *arguments])

    assert done.exit_code == 0, done.output
    assert [s.latency for s in started] == [
        PlatformLatency(ms=500, jitter_ms=50, endpoints={"media_publish": 2000})
    ]


@pytest.mark.parametrize(
    "arguments",
    [
        ["--delay-ms", "-1"],
        ["--delay-ms", "600001"],
        ["--jitter-ms", "nan"],
        ["--endpoint-delay", "media_publish"],
        ["--endpoint-delay", "=200"],
        ["--endpoint-delay", "media_publish=soon"],
    ],
)
def test_the_command_refuses_a_delay_that_is_not_one(
    monkeypatch: pytest.MonkeyPatch, arguments: list[str]
) -> None:
    started: list[SandboxSettings] = []
    monkeypatch.setattr(sandbox_app, "run", lambda host, port, settings: started.append(settings))
    done = CliRunner().invoke(cli.main, ["sandbox", *arguments])
    assert done.exit_code == 2, done.output
    assert started == []
