"""Reading the answers of Meta's login endpoints: tokens, a Facebook user's Pages and the
Instagram Login account. What cannot be read is None (or empty), so the caller decides whether
it matters."""

from __future__ import annotations

from attrs import frozen

from autopost.adapters.platforms.graph_answers import Json, integer, node_id, objects, text


@frozen
class IssuedToken:
    access_token: str
    expires_in: int | None  # seconds
    user_id: str | None  # Instagram Login's code exchange names the account

    def __repr__(self) -> str:  # the token must never reach a log line
        return f"IssuedToken(expires_in={self.expires_in!r}, user_id={self.user_id!r})"


@frozen
class LinkedAccount:
    ig_user_id: str
    username: str | None


def issued_token(body: Json) -> IssuedToken | None:
    """``{"access_token", "expires_in", ...}``, also when wrapped in ``{"data": [{...}]}`` as
    some versions of Instagram Login's code exchange answer."""
    wrapped = objects(body.get("data"))
    answer = wrapped[0] if wrapped and "access_token" not in body else body
    token = text(answer.get("access_token"))
    if token is None:
        return None
    expires_in = answer.get("expires_in")
    if isinstance(expires_in, str) and expires_in.isdigit():
        expires_in = int(expires_in)
    return IssuedToken(token, integer(expires_in), node_id(answer.get("user_id")))


def page_accounts(body: Json) -> list[LinkedAccount]:
    """The Instagram business accounts linked to the Pages of one page of ``/me/accounts``."""
    found = []
    for page in objects(body.get("data")):
        linked = page.get("instagram_business_account")
        ig_user_id = node_id(linked.get("id")) if isinstance(linked, dict) else None
        if isinstance(linked, dict) and ig_user_id is not None:
            found.append(LinkedAccount(ig_user_id, text(linked.get("username"))))
    return found


def login_account(body: Json, fallback_id: str | None) -> LinkedAccount | None:
    """``/me?fields=user_id,username``: ``user_id`` is the account the Graph endpoints take
    (``id`` is only app-scoped); the code exchange's ``user_id`` stands in when it is missing."""
    ig_user_id = node_id(body.get("user_id")) or fallback_id
    return LinkedAccount(ig_user_id, text(body.get("username"))) if ig_user_id else None
