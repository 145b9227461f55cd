"""``InstagramLoginGateway`` over httpx: connecting Instagram accounts with Facebook Login or
Instagram Login, and refreshing Instagram Login tokens.

Facebook Login: the dialog's code, traded for a short-lived user token and that for a
long-lived one, reaches the Instagram business accounts linked to the user's Pages. Instagram
Login: the code, traded (by a form POST) for a short-lived Instagram user token and that for a
long-lived one, reaches the account that logged in. Meta wants the secrets of its GET token
endpoints in the query string; ``MetaLoginClient`` never logs a URL.
"""

from __future__ import annotations

from urllib.parse import quote

import httpx

from autopost.adapters.platforms import meta_login_answers as answers
from autopost.adapters.platforms.graph_answers import next_cursor
from autopost.adapters.platforms.graph_errors import unexpected_answer
from autopost.adapters.platforms.meta_login_client import LoginCall, MetaLoginClient
from autopost.adapters.platforms.meta_login_errors import Step
from autopost.application.ports.clock import Clock
from autopost.application.ports.instagram_login_gateway import (
    ConnectedInstagram,
    InstagramLogin,
    RefreshedToken,
)

GRAPH_VERSION = "v24.0"
FACEBOOK_SCOPES = (
    "instagram_basic",
    "instagram_content_publish",
    "instagram_manage_comments",
    "pages_show_list",
    "pages_read_engagement",
    "business_management",
)
INSTAGRAM_SCOPES = (
    "instagram_business_basic",
    "instagram_business_content_publish",
    "instagram_business_manage_comments",
)
PAGE_FIELDS = "instagram_business_account{id,username}"
PAGE_LIMIT = 100
PAGE_PAGES = 50  # "every Page" stops somewhere: 5,000 Pages


class HttpxInstagramLoginGateway:
    def __init__(
        self,
        client: httpx.AsyncClient,
        facebook_graph_url: str,
        facebook_dialog_url: str,
        facebook_app_id: str,
        facebook_app_secret: str,
        instagram_authorize_url: str,
        instagram_token_url: str,
        instagram_graph_url: str,
        instagram_app_id: str,
        instagram_app_secret: str,
        redirect_uri: str,
        clock: Clock,
    ) -> None:
        self._meta = MetaLoginClient(client, clock, (facebook_app_secret, instagram_app_secret))
        self._facebook_graph_url = facebook_graph_url.rstrip("/")
        self._facebook_dialog_url = facebook_dialog_url
        self._facebook_app_id = facebook_app_id
        self._facebook_app_secret = facebook_app_secret
        self._instagram_authorize_url = instagram_authorize_url
        self._instagram_token_url = instagram_token_url
        self._instagram_graph_url = instagram_graph_url.rstrip("/")
        self._instagram_app_id = instagram_app_id
        self._instagram_app_secret = instagram_app_secret
        self._redirect_uri = redirect_uri

    def __repr__(self) -> str:
        return f"HttpxInstagramLoginGateway(redirect_uri={self._redirect_uri!r})"

    def is_set_up(self, login: InstagramLogin) -> bool:
        if login is InstagramLogin.FACEBOOK:
            return bool(self._facebook_app_id and self._facebook_app_secret)
        return bool(self._instagram_app_id and self._instagram_app_secret)

    def authorize_url(self, login: InstagramLogin, state: str) -> str:
        if login is InstagramLogin.FACEBOOK:
            return _with_query(
                self._facebook_dialog_url,
                {
                    "client_id": self._facebook_app_id,
                    "redirect_uri": self._redirect_uri,
                    "state": state,
                    "scope": ",".join(FACEBOOK_SCOPES),
                    "response_type": "code",
                },
            )
        return _with_query(
            self._instagram_authorize_url,
            {
                "client_id": self._instagram_app_id,
                "redirect_uri": self._redirect_uri,
                "response_type": "code",
                "scope": ",".join(INSTAGRAM_SCOPES),
                "state": state,
            },
        )

    async def connect(self, login: InstagramLogin, code: str) -> list[ConnectedInstagram]:
        # Instagram appends "#_" to the redirect; it is not part of the code.
        code = code.removesuffix("#_")
        if login is InstagramLogin.FACEBOOK:
            return await self._connect_with_facebook(code)
        return [await self._connect_with_instagram(code)]

    async def refresh(self, access_token: str) -> RefreshedToken:
        call = self._instagram_call("refresh_access_token", Step.REFRESH)
        params = {"grant_type": "ig_refresh_token", "access_token": access_token}
        token = await self._meta.token(call, (access_token,), params=params)
        return RefreshedToken(token.access_token, token.expires_in)

    async def _connect_with_facebook(self, code: str) -> list[ConnectedInstagram]:
        redeem = self._facebook_call("oauth/access_token", Step.CODE)
        short = await self._meta.token(
            redeem,
            (code,),
            params={
                "client_id": self._facebook_app_id,
                "redirect_uri": self._redirect_uri,
                "client_secret": self._facebook_app_secret,
                "code": code,
            },
        )
        exchange = self._facebook_call("oauth/access_token", Step.EXCHANGE)
        long = await self._meta.token(
            exchange,
            (short.access_token,),
            params={
                "grant_type": "fb_exchange_token",
                "client_id": self._facebook_app_id,
                "client_secret": self._facebook_app_secret,
                "fb_exchange_token": short.access_token,
            },
        )
        accounts: dict[str, answers.LinkedAccount] = {}
        for account in await self._linked_accounts(long.access_token):
            accounts.setdefault(account.ig_user_id, account)
        return [
            ConnectedInstagram(a.ig_user_id, a.username, long.access_token, long.expires_in)
            for a in accounts.values()
        ]

    async def _linked_accounts(self, access_token: str) -> list[answers.LinkedAccount]:
        """The business accounts of every Page, following ``after`` until there is none."""
        call = self._facebook_call("me/accounts", Step.READ)
        params = {"fields": PAGE_FIELDS, "limit": str(PAGE_LIMIT)}
        found: list[answers.LinkedAccount] = []
        asked: set[str] = set()
        for _ in range(PAGE_PAGES):
            body = await self._meta.bearer(call, access_token, params)
            if not isinstance(body.get("data"), list):
                raise unexpected_answer("GET", "list of Pages")
            found.extend(answers.page_accounts(body))
            after = next_cursor(body.get("paging"))
            # A cursor already followed would go round in circles.
            if after is None or after in asked:
                break
            asked.add(after)
            params = {**params, "after": after}
        return found

    async def _connect_with_instagram(self, code: str) -> ConnectedInstagram:
        redeem = LoginCall(
            "POST", self._instagram_token_url, "oauth/access_token", Step.CODE, "Instagram"
        )
        short = await self._meta.token(
            redeem,
            (code,),
            data={
                "client_id": self._instagram_app_id,
                "client_secret": self._instagram_app_secret,
                "grant_type": "authorization_code",
                "redirect_uri": self._redirect_uri,
                "code": code,
            },
        )
        exchange = self._instagram_call("access_token", Step.EXCHANGE)
        long = await self._meta.token(
            exchange,
            (short.access_token,),
            params={
                "grant_type": "ig_exchange_token",
                "client_secret": self._instagram_app_secret,
                "access_token": short.access_token,
            },
        )
        me = self._instagram_call(f"{GRAPH_VERSION}/me", Step.READ)
        body = await self._meta.bearer(me, long.access_token, {"fields": "user_id,username"})
        account = answers.login_account(body, short.user_id)
        if account is None:
            raise unexpected_answer("GET", "user_id")
        return ConnectedInstagram(
            account.ig_user_id, account.username, long.access_token, long.expires_in
        )

    def _facebook_call(self, path: str, step: Step) -> LoginCall:
        return LoginCall("GET", f"{self._facebook_graph_url}/{path}", path, step, "Facebook")

    def _instagram_call(self, path: str, step: Step) -> LoginCall:
        return LoginCall("GET", f"{self._instagram_graph_url}/{path}", path, step, "Instagram")


def _with_query(url: str, params: dict[str, str]) -> str:
    # Meta documents the scopes comma-separated; keep them readable.
    query = "&".join(
        f"{name}={quote(value, safe=',' if name == 'scope' else '')}"
        for name, value in params.items()
    )
    return f"{url}{'&' if '?' in url else '?'}{query}"
