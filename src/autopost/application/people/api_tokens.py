"""A user's own API tokens: listed, issued with a name (shown once), revoked."""

from __future__ import annotations

import secrets
from collections.abc import Sequence

from autopost.application.access import Actor, authorize
from autopost.application.audit import record
from autopost.application.people.accounts import TOKEN_BYTES, token_digest
from autopost.application.people.errors import ApiTokensNeedAUser, TokenNameInvalid
from autopost.application.ports.clock import Clock
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.domain.access import Action, Resource
from autopost.domain.errors import NotFound
from autopost.domain.user import ApiToken

LONGEST_NAME = 100


def _signed_in(actor: Actor) -> int:
    if actor.user_id is None:
        raise ApiTokensNeedAUser()
    return actor.user_id


class ListApiTokens:
    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def execute(self, actor: Actor) -> Sequence[ApiToken]:
        user_id = _signed_in(actor)
        authorize(actor, Action.VIEW, Resource.USER, user_id)
        async with self._uow as uow:
            return await uow.api_tokens.for_user(user_id)


class IssueNamedApiToken:
    """The token itself is returned once, here; only its digest is kept."""

    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, actor: Actor, name: str) -> tuple[ApiToken, str]:
        user_id = _signed_in(actor)
        authorize(actor, Action.CHANGE, Resource.USER, user_id)
        name = name.strip()
        if not name or len(name) > LONGEST_NAME:
            raise TokenNameInvalid(LONGEST_NAME)
        raw = secrets.token_hex(TOKEN_BYTES)
        now = self._clock.now()
        async with self._uow as uow:
            token = ApiToken(token_digest(raw), user_id, now, name=name)
            await uow.api_tokens.add(token)
            await record(uow, actor, "token_issued", Resource.USER, user_id, now, name)
            await uow.commit()
        return token, raw


class RevokeApiToken:
    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, actor: Actor, token_id: int) -> None:
        _signed_in(actor)
        async with self._uow as uow:
            found = [
                t for t in await uow.api_tokens.for_user(actor.user_id or 0) if t.id == token_id
            ]
            if not found:
                raise NotFound("API token", token_id)
            (token,) = found
            authorize(actor, Action.CHANGE, Resource.USER, token.user_id)
            await uow.api_tokens.delete(token)
            now = self._clock.now()
            await record(uow, actor, "token_revoked", Resource.USER, token.user_id, now, token.name)
            await uow.commit()
