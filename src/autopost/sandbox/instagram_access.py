"""Who a Graph call acts as: its token's account, which must own the object it names.

An unknown token naming an unknown, numeric Instagram user id provisions that account and binds
the token to it, so any id and any token work on first use. A token past its expiry is refused
with code 190, subcode 463, as Graph refuses one.
"""

from __future__ import annotations

from datetime import datetime

from autopost.sandbox.graph_errors import (
    expired_token,
    invalid_token,
    revoked_token,
    unsupported_request,
)
from autopost.sandbox.instagram_state import Account, InstagramState
from autopost.sandbox.instagram_tokens import TokenGrant


def live_grant(state: InstagramState, token: str | None, now: datetime) -> TokenGrant:
    """The grant behind a token that may still be used."""
    grant = state.tokens.get(token) if token else None
    if grant is None:
        raise invalid_token()
    if grant.revoked:
        raise revoked_token()
    if grant.expires_at is not None and grant.expired(now):
        raise expired_token(grant.expires_at, now)
    return grant


def account_for(
    state: InstagramState,
    token: str | None,
    method: str,
    object_id: str,
    names_a_user: bool,
    now: datetime,
) -> Account:
    if not token:
        raise invalid_token()
    if token not in state.tokens:
        if names_a_user and object_id.isdigit() and not state.is_known_id(object_id):
            account = state.add_account(object_id)
            state.grant(token, object_id)
            return account
        raise invalid_token()
    grant = live_grant(state, token, now)
    if state.owner_of(object_id) != grant.ig_user_id:
        raise unsupported_request(method, object_id)
    return state.accounts[grant.ig_user_id]
