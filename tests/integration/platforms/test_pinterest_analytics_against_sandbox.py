"""Pin analytics through the Pinterest gateway against `autopost sandbox` (in process), with a
clock the test moves: the days a pin has been out, each with its own numbers."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest
from platform_kit import SANDBOX_BASE, FakeClock

from autopost.adapters.platforms.pinterest_api import HttpxPinterestGateway
from autopost.application.ports.pinterest_gateway import PinRequest
from autopost.application.ports.platform_errors import PermanentPlatformError
from autopost.domain.insights import PinMetric

pytestmark = pytest.mark.integration

DEMO_TOKEN = "sandbox-pinterest-token"


@pytest.fixture
def gateway(sandbox: httpx.AsyncClient, clock: FakeClock) -> HttpxPinterestGateway:
    return HttpxPinterestGateway(
        sandbox,
        f"{SANDBOX_BASE}/pinterest/v5",
        f"{SANDBOX_BASE}/pinterest/oauth/",
        "sandbox-client-id",
        "sandbox-client-secret",
        "http://autopost.test/auth/pinterest/callback/",
        clock,
    )


async def test_each_finished_day_since_the_pin_was_made_has_its_numbers(
    gateway: HttpxPinterestGateway, clock: FakeClock
) -> None:
    boards = {b.name: b.board_id for b in await gateway.list_boards(DEMO_TOKEN)}
    pin = await gateway.create_pin(
        DEMO_TOKEN, PinRequest(boards["Python"], "https://cdn.example.com/a.png")
    )
    made = clock.now().date()
    clock.advance(days=4)
    today = clock.now().date()
    days = await gateway.pin_analytics(DEMO_TOKEN, pin.pin_id, made - timedelta(days=2), today)
    # Nothing before the pin was made; today is still being counted.
    assert [d.day for d in days] == [made + timedelta(days=n) for n in range(4)]
    assert all(set(d.values) == set(PinMetric) for d in days)
    assert days[0].values[PinMetric.IMPRESSION] > 0


async def test_an_unknown_pin_is_a_refusal(
    gateway: HttpxPinterestGateway, clock: FakeClock
) -> None:
    today = clock.now().date()
    with pytest.raises(PermanentPlatformError, match="Pin not found"):
        await gateway.pin_analytics(DEMO_TOKEN, "1", today - timedelta(days=1), today)
