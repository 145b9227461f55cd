"""Who a Graph call acts as: its token's account, which must own the object it names.

An unknown token naming an unknown, numeric Instagram user id provisions that account and binds
the token to it, so any id and any token work on first use.
"""

from __future__ import annotations

from autopost.sandbox.graph_errors import invalid_token, revoked_token, unsupported_request
from autopost.sandbox.instagram_state import Account, InstagramState


def account_for(
    state: InstagramState, token: str | None, method: str, object_id: str, names_a_user: bool
) -> Account:
    if not token:
        raise invalid_token()
    grant = state.tokens.get(token)
    if grant is None:
        if names_a_user and object_id.isdigit() and not state.is_known_id(object_id):
            account = state.add_account(object_id)
            state.grant(token, object_id)
            return account
        raise invalid_token()
    if grant.revoked:
        raise revoked_token()
    if state.owner_of(object_id) != grant.ig_user_id:
        raise unsupported_request(method, object_id)
    return state.accounts[grant.ig_user_id]
