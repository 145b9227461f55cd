"""Who a Pinterest API call acts as: the account of its bearer token.

A missing, unknown, expired or revoked token gets Pinterest's 401 ``Authentication failed.``;
a live token issued in the other environment gets a 403.
"""

from __future__ import annotations

from datetime import datetime

from autopost.sandbox.pinterest_errors import authentication_failed
from autopost.sandbox.pinterest_sandbox import PinterestSandbox
from autopost.sandbox.pinterest_state import Account
from autopost.sandbox.pinterest_tokens import check_environment


def account_for(pinterest: PinterestSandbox, token: str | None, now: datetime) -> Account:
    grant = pinterest.tokens.access.get(token) if token else None
    if grant is None or not grant.usable(now):
        raise authentication_failed()
    check_environment(grant, pinterest.settings.environment)
    account = pinterest.state.accounts.get(grant.username)
    if account is None:
        raise authentication_failed()
    return account
