"""A browser on the web pages, in process: it keeps the app's cookies, asks for English, and
signs in through the sign-in form as a person does."""

from __future__ import annotations

import httpx
from sandboxed_world import PASSWORD
from starlette.types import ASGIApp

SITE = "http://autopost.test"


def open_browser(app: ASGIApp, cookies: httpx.Cookies | None = None) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app),
        base_url=SITE,
        headers={"Accept-Language": "en"},
        cookies=cookies,
    )


async def sign_in(client: httpx.AsyncClient, username: str = "admin") -> str:
    """Signs in through the form; the session's CSRF token, which forms repeat."""
    await client.get("/accounts/login/")
    form_token = client.cookies["csrftoken"]
    response = await client.post(
        "/accounts/login/",
        data={"username": username, "password": PASSWORD, "csrfmiddlewaretoken": form_token},
    )
    assert response.status_code == 303, response.text
    assert client.cookies["csrftoken"] != form_token, "the session has a token of its own"
    return client.cookies["csrftoken"]
