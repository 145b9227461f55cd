"""Accounts connected with Instagram Login are served by graph.instagram.com, the others by
graph.facebook.com: the same client sends each to its host."""

from __future__ import annotations

import httpx
import pytest
import respx

from autopost.adapters.platforms.instagram_graph import HttpxInstagramGateway
from autopost.adapters.security.system_clock import SystemClock
from autopost.application.ports.instagram_gateway import InstagramAccount

pytestmark = pytest.mark.integration

FACEBOOK = "https://graph.facebook.com/v24.0"
INSTAGRAM = "https://graph.instagram.com/v24.0"
QUOTA = {"data": [{"config": {"quota_total": 100}, "quota_usage": 1}]}


@pytest.mark.parametrize(("login", "host"), [("facebook", FACEBOOK), ("instagram", INSTAGRAM)])
async def test_each_login_is_sent_to_its_graph_host(login: str, host: str) -> None:
    with respx.mock(assert_all_called=True) as router:
        route = router.get(f"{host}/1784/content_publishing_limit").respond(json=QUOTA)
        async with httpx.AsyncClient() as client:
            gateway = HttpxInstagramGateway(
                client, FACEBOOK, SystemClock(), instagram_login_url=INSTAGRAM
            )
            quota = await gateway.publishing_quota(InstagramAccount("1784", "token", login))
        assert route.called and quota.used == 1
