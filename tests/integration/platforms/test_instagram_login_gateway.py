"""HttpxInstagramLoginGateway against respx-mocked Meta endpoints: both logins, the scopes they
ask for, refreshing, the errors a person sees, and secrets kept out of messages and logs."""

from __future__ import annotations

import logging
import traceback
from collections.abc import AsyncIterator, Iterator
from datetime import timedelta
from typing import Any
from urllib.parse import parse_qs, parse_qsl, urlsplit

import graph_contract
import httpx
import pytest
import respx
from platform_kit import NOW, FakeClock
from platform_kit import error_response as graph_error

from autopost.adapters.platforms.instagram_login_api import (
    FACEBOOK_SCOPES,
    INSTAGRAM_SCOPES,
    HttpxInstagramLoginGateway,
)
from autopost.application.ports.instagram_login_gateway import (
    ConnectedInstagram,
    InstagramLogin,
    InstagramLoginGateway,
    RefreshedToken,
)
from autopost.application.ports.platform_errors import (
    CredentialRejected,
    OutcomeUnknown,
    PermanentPlatformError,
    PlatformError,
    TransientPlatformError,
)

pytestmark = pytest.mark.integration

FB_GRAPH = "https://graph.facebook.test/v24.0"
FB_DIALOG = "https://www.facebook.test/v24.0/dialog/oauth"
IG_AUTHORIZE = "https://www.instagram.test/oauth/authorize"
IG_TOKEN = "https://api.instagram.test/oauth/access_token"
IG_GRAPH = "https://graph.instagram.test"
REDIRECT = "https://autopost.test/auth/instagram/callback/"
FB_SECRET = "fb-app-SECRET-1234"
IG_SECRET = "ig-app-SECRET-5678"
CODE = "AQDcodeSECRETcode"
SHORT = "EAAshortSECRETtoken"
LONG = "EAAlongSECRETtoken"
IG_SHORT = "IGAAshortSECRETtoken"
IG_LONG = "IGAAlongSECRETtoken"
IG_USER = "17841400000000001"
OTHER_USER = "17841400000000002"
SECRETS = (FB_SECRET, IG_SECRET, CODE, SHORT, LONG, IG_SHORT, IG_LONG)


@pytest.fixture
def meta() -> Iterator[respx.MockRouter]:
    with respx.mock(assert_all_called=False) as router:
        yield router


@pytest.fixture
async def gateway(meta: respx.MockRouter) -> AsyncIterator[HttpxInstagramLoginGateway]:
    async with httpx.AsyncClient() as client:
        yield HttpxInstagramLoginGateway(
            client,
            FB_GRAPH,
            FB_DIALOG,
            "fb-app",
            FB_SECRET,
            IG_AUTHORIZE,
            IG_TOKEN,
            IG_GRAPH,
            "ig-app",
            IG_SECRET,
            REDIRECT,
            FakeClock(NOW),
        )


def params_of(request: httpx.Request) -> dict[str, str]:
    return dict(request.url.params)


def form_of(request: httpx.Request) -> dict[str, str]:
    return dict(parse_qsl(request.content.decode()))


def facebook_tokens(meta: respx.MockRouter, long: dict[str, Any] | None = None) -> respx.Route:
    """The code exchange answers the short-lived token, ``fb_exchange_token`` the long one."""

    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.params.get("grant_type") == "fb_exchange_token":
            default = {"access_token": LONG, "token_type": "bearer", "expires_in": 5183944}
            return httpx.Response(200, json=long if long is not None else default)
        body = {"access_token": SHORT, "token_type": "bearer", "expires_in": 3600}
        return httpx.Response(200, json=body)

    return meta.get(f"{FB_GRAPH}/oauth/access_token").mock(side_effect=answer)


def page(page_id: str, ig_user_id: str | None = None, username: str | None = None) -> Any:
    if ig_user_id is None:
        return {"id": page_id}
    return {"id": page_id, "instagram_business_account": {"id": ig_user_id, "username": username}}


def instagram_tokens(meta: respx.MockRouter, first: dict[str, Any]) -> None:
    meta.post(IG_TOKEN).respond(json=first)
    long = {"access_token": IG_LONG, "token_type": "bearer", "expires_in": 5184000}
    meta.get(f"{IG_GRAPH}/access_token").respond(json=long)


# --- the consent pages ------------------------------------------------------------------------


def test_facebook_login_asks_for_publishing_comments_and_pages() -> None:
    assert FACEBOOK_SCOPES == (
        "instagram_basic",
        "instagram_content_publish",
        "instagram_manage_comments",
        "pages_show_list",
        "pages_read_engagement",
        "business_management",
    )


async def test_the_facebook_dialog_url_carries_the_app_redirect_state_and_scopes(
    gateway: InstagramLoginGateway,
) -> None:
    url = gateway.authorize_url(InstagramLogin.FACEBOOK, "st/ate+1")

    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == FB_DIALOG
    assert {k: v for k, (v,) in parse_qs(parts.query).items()} == {
        "client_id": "fb-app",
        "redirect_uri": REDIRECT,
        "state": "st/ate+1",
        "scope": ",".join(FACEBOOK_SCOPES),
        "response_type": "code",
    }
    assert "scope=instagram_basic,instagram_content_publish," in url
    assert FB_SECRET not in url


async def test_the_instagram_dialog_url_asks_for_the_business_scopes(
    gateway: InstagramLoginGateway,
) -> None:
    url = gateway.authorize_url(InstagramLogin.INSTAGRAM, "state-2")

    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == IG_AUTHORIZE
    assert {k: v for k, (v,) in parse_qs(parts.query).items()} == {
        "client_id": "ig-app",
        "redirect_uri": REDIRECT,
        "response_type": "code",
        "scope": "instagram_business_basic,instagram_business_content_publish,"
        "instagram_business_manage_comments",
        "state": "state-2",
    }
    assert INSTAGRAM_SCOPES[0] == "instagram_business_basic"
    assert IG_SECRET not in url


# --- Facebook Login ---------------------------------------------------------------------------


async def test_facebook_login_connects_every_linked_account_of_every_page(
    gateway: InstagramLoginGateway, meta: respx.MockRouter
) -> None:
    tokens = facebook_tokens(meta)
    first = {
        "data": [page("1", IG_USER, "one"), page("2")],
        "paging": {
            "cursors": {"before": "b1", "after": "cursor-1"},
            "next": f"{FB_GRAPH}/me/accounts?after=cursor-1&access_token={LONG}",
        },
    }
    second = {"data": [page("3", OTHER_USER, "two")], "paging": {"cursors": {"after": "c2"}}}
    accounts = meta.get(f"{FB_GRAPH}/me/accounts").mock(
        side_effect=[httpx.Response(200, json=first), httpx.Response(200, json=second)]
    )

    connected = await gateway.connect(InstagramLogin.FACEBOOK, CODE)

    assert connected == [
        ConnectedInstagram(IG_USER, "one", LONG, 5183944),
        ConnectedInstagram(OTHER_USER, "two", LONG, 5183944),
    ]
    redeem, exchange = (call.request for call in tokens.calls)
    assert params_of(redeem) == {
        "client_id": "fb-app",
        "redirect_uri": REDIRECT,
        "client_secret": FB_SECRET,
        "code": CODE,
    }
    assert params_of(exchange) == {
        "grant_type": "fb_exchange_token",
        "client_id": "fb-app",
        "client_secret": FB_SECRET,
        "fb_exchange_token": SHORT,
    }
    page_one, page_two = (call.request for call in accounts.calls)
    for request in (page_one, page_two):
        assert request.headers["authorization"] == f"Bearer {LONG}"
        assert "access_token" not in request.url.params
        assert request.url.params["fields"] == "instagram_business_account{id,username}"
    assert "after" not in page_one.url.params
    assert page_two.url.params["after"] == "cursor-1"


async def test_a_long_lived_token_without_expiry_is_kept_without_one(
    gateway: InstagramLoginGateway, meta: respx.MockRouter
) -> None:
    facebook_tokens(meta, long={"access_token": LONG, "token_type": "bearer"})
    meta.get(f"{FB_GRAPH}/me/accounts").respond(json={"data": [page("1", IG_USER, "one")]})

    (connected,) = await gateway.connect(InstagramLogin.FACEBOOK, CODE)

    assert connected.expires_in is None


async def test_pages_without_a_linked_account_connect_nothing(
    gateway: InstagramLoginGateway, meta: respx.MockRouter
) -> None:
    facebook_tokens(meta)
    meta.get(f"{FB_GRAPH}/me/accounts").respond(json={"data": [page("1"), page("2")]})

    assert await gateway.connect(InstagramLogin.FACEBOOK, CODE) == []


async def test_a_cursor_already_followed_ends_the_listing(
    gateway: InstagramLoginGateway, meta: respx.MockRouter
) -> None:
    facebook_tokens(meta)
    looping = {
        "data": [page("1", IG_USER, "one")],
        "paging": {"cursors": {"after": "same"}, "next": f"{FB_GRAPH}/me/accounts?after=same"},
    }
    listing = meta.get(f"{FB_GRAPH}/me/accounts").respond(json=looping)

    connected = await gateway.connect(InstagramLogin.FACEBOOK, CODE)

    assert [c.ig_user_id for c in connected] == [IG_USER]
    assert listing.call_count == 2


# --- Instagram Login --------------------------------------------------------------------------


@pytest.mark.parametrize("wrapped", [False, True], ids=["plain", "data-wrapped"])
async def test_instagram_login_connects_the_account_that_logged_in(
    gateway: InstagramLoginGateway, meta: respx.MockRouter, wrapped: bool
) -> None:
    first = {"access_token": IG_SHORT, "user_id": int(IG_USER), "permissions": ["a"]}
    meta.post(IG_TOKEN).respond(json={"data": [first]} if wrapped else first)
    long = {"access_token": IG_LONG, "token_type": "bearer", "expires_in": 5184000}
    exchange = meta.get(f"{IG_GRAPH}/access_token").respond(json=long)
    me = meta.get(f"{IG_GRAPH}/v24.0/me").respond(
        json={"user_id": int(IG_USER), "username": "demo", "id": "99"}
    )

    connected = await gateway.connect(InstagramLogin.INSTAGRAM, CODE + "#_")

    assert connected == [ConnectedInstagram(IG_USER, "demo", IG_LONG, 5184000)]
    redeem = meta.calls[0].request
    assert (redeem.method, str(redeem.url)) == ("POST", IG_TOKEN)
    assert form_of(redeem) == {
        "client_id": "ig-app",
        "client_secret": IG_SECRET,
        "grant_type": "authorization_code",
        "redirect_uri": REDIRECT,
        "code": CODE,
    }
    assert params_of(exchange.calls.last.request) == {
        "grant_type": "ig_exchange_token",
        "client_secret": IG_SECRET,
        "access_token": IG_SHORT,
    }
    asked = me.calls.last.request
    assert asked.headers["authorization"] == f"Bearer {IG_LONG}"
    assert params_of(asked) == {"fields": "user_id,username"}


async def test_the_code_exchanges_user_id_stands_in_when_me_has_none(
    gateway: InstagramLoginGateway, meta: respx.MockRouter
) -> None:
    instagram_tokens(meta, {"access_token": IG_SHORT, "user_id": IG_USER})
    meta.get(f"{IG_GRAPH}/v24.0/me").respond(json={"id": "99", "username": "demo"})

    (connected,) = await gateway.connect(InstagramLogin.INSTAGRAM, CODE)

    assert connected.ig_user_id == IG_USER


async def test_the_instagram_requests_follow_the_contracts(
    gateway: InstagramLoginGateway, meta: respx.MockRouter
) -> None:
    instagram_tokens(meta, {"access_token": IG_SHORT, "user_id": IG_USER})
    meta.get(f"{IG_GRAPH}/v24.0/me").respond(json={"user_id": IG_USER, "username": "demo"})
    meta.get(f"{IG_GRAPH}/refresh_access_token").respond(json={"access_token": IG_LONG})
    await gateway.connect(InstagramLogin.INSTAGRAM, CODE)
    await gateway.refresh(IG_LONG)

    sent = {call.request.url.path: call.request for call in meta.calls}

    for path, node in (
        ("/access_token", "IGAccessTokenForIGOnlyAPI"),
        ("/refresh_access_token", "IGRefreshAccessTokenForIGOnlyAPI"),
    ):
        (api,) = graph_contract.node_spec(node)["apis"]
        listed = {p["name"] for p in api["params"]}
        assert set(params_of(sent[path])) == listed, node
    graph_contract.assert_fields_exist("IGUserForIGOnlyAPI", params_of(sent["/v24.0/me"])["fields"])


# --- refresh ----------------------------------------------------------------------------------


async def test_refresh_trades_a_long_lived_token_for_a_new_one(
    gateway: InstagramLoginGateway, meta: respx.MockRouter
) -> None:
    answer = {
        "access_token": "IGAAnewSECRET",
        "token_type": "bearer",
        "expires_in": 5184000,
        "permissions": "instagram_business_basic",
    }
    route = meta.get(f"{IG_GRAPH}/refresh_access_token").respond(json=answer)

    refreshed = await gateway.refresh(IG_LONG)

    assert refreshed == RefreshedToken("IGAAnewSECRET", 5184000)
    assert params_of(route.calls.last.request) == {
        "grant_type": "ig_refresh_token",
        "access_token": IG_LONG,
    }
    assert "IGAAnewSECRET" not in repr(refreshed)


# --- errors -----------------------------------------------------------------------------------


async def test_a_used_facebook_code_asks_to_connect_again(
    gateway: InstagramLoginGateway, meta: respx.MockRouter
) -> None:
    meta.get(f"{FB_GRAPH}/oauth/access_token").mock(
        return_value=graph_error(400, 100, 36009, "This authorization code has been used.")
    )

    with pytest.raises(PermanentPlatformError) as caught:
        await gateway.connect(InstagramLogin.FACEBOOK, CODE)

    assert not isinstance(caught.value, CredentialRejected)
    assert caught.value.message == (
        "Meta refused the authorization code (This authorization code has been used.): "
        "connect the Instagram account again."
    )


async def test_a_refused_instagram_code_in_instagrams_shape_asks_to_connect_again(
    gateway: InstagramLoginGateway, meta: respx.MockRouter
) -> None:
    body = {
        "error_type": "OAuthException",
        "code": 400,
        "error_message": "Matching code was not found or was already used",
    }
    meta.post(IG_TOKEN).respond(400, json=body)

    with pytest.raises(PermanentPlatformError) as caught:
        await gateway.connect(InstagramLogin.INSTAGRAM, CODE)

    assert caught.value.message == (
        "Meta refused the authorization code (Matching code was not found or was already "
        "used): connect the Instagram account again."
    )


async def test_a_wrong_app_secret_points_at_the_settings_not_at_the_user(
    gateway: InstagramLoginGateway, meta: respx.MockRouter
) -> None:
    meta.get(f"{FB_GRAPH}/oauth/access_token").mock(
        return_value=graph_error(400, 1, message="Error validating client secret.")
    )

    with pytest.raises(PermanentPlatformError, match="Facebook app id and app secret"):
        await gateway.connect(InstagramLogin.FACEBOOK, CODE)


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (graph_error(400, 190, 460, "Session invalidated"), CredentialRejected),
        (httpx.Response(401), CredentialRejected),
        (graph_error(400, 100, None, "Unsupported"), PermanentPlatformError),
        (graph_error(500, 2, None, "Service temporarily unavailable"), TransientPlatformError),
    ],
)
async def test_the_pages_listing_maps_graph_errors(
    gateway: InstagramLoginGateway,
    meta: respx.MockRouter,
    answer: httpx.Response,
    expected: type[PlatformError],
) -> None:
    facebook_tokens(meta)
    meta.get(f"{FB_GRAPH}/me/accounts").mock(return_value=answer)

    with pytest.raises(expected) as caught:
        await gateway.connect(InstagramLogin.FACEBOOK, CODE)

    assert type(caught.value) is expected


async def test_a_rate_limit_says_when_to_come_back(
    gateway: InstagramLoginGateway, meta: respx.MockRouter
) -> None:
    facebook_tokens(meta)
    limited = graph_error(400, 4, message="(#4) Application request limit reached")
    limited.headers["Retry-After"] = "120"
    meta.get(f"{FB_GRAPH}/me/accounts").mock(return_value=limited)

    with pytest.raises(TransientPlatformError) as caught:
        await gateway.connect(InstagramLogin.FACEBOOK, CODE)

    assert caught.value.retry_after == timedelta(seconds=120)


async def test_meta_failing_on_the_code_is_worth_trying_again(
    gateway: InstagramLoginGateway, meta: respx.MockRouter
) -> None:
    meta.get(f"{FB_GRAPH}/oauth/access_token").mock(return_value=graph_error(500, 2))
    meta.post(IG_TOKEN).respond(502)

    with pytest.raises(TransientPlatformError) as facebook:
        await gateway.connect(InstagramLogin.FACEBOOK, CODE)
    with pytest.raises(OutcomeUnknown):
        await gateway.connect(InstagramLogin.INSTAGRAM, CODE)

    assert not isinstance(facebook.value, PermanentPlatformError)


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (graph_error(400, 190, 463, "Session has expired"), CredentialRejected),
        (graph_error(400, 100, None, "Not refreshable yet"), PermanentPlatformError),
        (graph_error(503, 2), TransientPlatformError),
    ],
)
async def test_a_refused_refresh_says_whether_to_reconnect(
    gateway: InstagramLoginGateway,
    meta: respx.MockRouter,
    answer: httpx.Response,
    expected: type[PlatformError],
) -> None:
    meta.get(f"{IG_GRAPH}/refresh_access_token").mock(return_value=answer)

    with pytest.raises(expected) as caught:
        await gateway.refresh(IG_LONG)

    assert type(caught.value) is expected


async def test_network_failures_are_transient(
    gateway: InstagramLoginGateway, meta: respx.MockRouter
) -> None:
    meta.get(f"{IG_GRAPH}/refresh_access_token").mock(side_effect=httpx.ConnectError("boom"))
    meta.post(IG_TOKEN).mock(side_effect=httpx.ReadTimeout("slow"))

    with pytest.raises(TransientPlatformError, match="nothing was sent"):
        await gateway.refresh(IG_LONG)
    with pytest.raises(OutcomeUnknown):
        await gateway.connect(InstagramLogin.INSTAGRAM, CODE)


async def test_an_answer_without_a_token_is_not_taken_for_one(
    gateway: InstagramLoginGateway, meta: respx.MockRouter
) -> None:
    meta.get(f"{IG_GRAPH}/refresh_access_token").respond(json={"token_type": "bearer"})

    with pytest.raises(TransientPlatformError, match="no access token"):
        await gateway.refresh(IG_LONG)


# --- secrets ----------------------------------------------------------------------------------


async def test_secrets_echoed_in_an_error_stay_out_of_messages_tracebacks_and_logs(
    gateway: InstagramLoginGateway, meta: respx.MockRouter, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="autopost")
    # Each answer echoes what its request carried, and the app secrets.
    apps = f"{FB_SECRET} and {IG_SECRET}"
    meta.get(f"{FB_GRAPH}/oauth/access_token").mock(
        return_value=graph_error(400, 100, None, f"Bad code {CODE} for {apps}")
    )
    body = {"error_type": "OAuthException", "error_message": f"Bad code {CODE} ({apps})"}
    meta.post(IG_TOKEN).respond(400, json=body)
    meta.get(f"{IG_GRAPH}/refresh_access_token").mock(
        return_value=graph_error(400, 190, None, f"Bad token {IG_LONG} for {apps}")
    )

    caught: list[PlatformError] = []
    for attempt in (
        gateway.connect(InstagramLogin.FACEBOOK, CODE),
        gateway.connect(InstagramLogin.INSTAGRAM, CODE),
        gateway.refresh(IG_LONG),
    ):
        with pytest.raises(PlatformError) as error:
            await attempt
        caught.append(error.value)

    told = " ".join(
        [e.message for e in caught] + ["".join(traceback.format_exception(e)) for e in caught]
    )
    assert "[token]" in told
    logged = "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("autopost"))
    assert "oauth/access_token" in logged
    for secret in SECRETS:
        assert secret not in told
        assert secret not in logged
    assert "?" not in logged  # no URL, so no query string


async def test_a_successful_connect_logs_no_secret_and_reprs_hide_the_tokens(
    gateway: InstagramLoginGateway, meta: respx.MockRouter, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="autopost")
    facebook_tokens(meta)
    meta.get(f"{FB_GRAPH}/me/accounts").respond(json={"data": [page("1", IG_USER, "one")]})

    connected = await gateway.connect(InstagramLogin.FACEBOOK, CODE)

    shown = repr(connected) + repr(gateway) + caplog.text
    assert IG_USER in repr(connected)
    assert caplog.records
    for secret in SECRETS:
        assert secret not in shown
