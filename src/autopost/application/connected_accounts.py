"""Which connected account a request about one platform means."""

from __future__ import annotations

from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.domain.credential import Credential
from autopost.domain.errors import AccountNotChosen, NotFound
from autopost.domain.platform import Platform


async def connected_account(
    uow: UnitOfWork, platform: Platform, credential_id: int | None
) -> Credential:
    """The account named, which must be of ``platform``; or, when none is named, the only
    account of ``platform`` there is."""
    name = platform.value.capitalize()
    if credential_id is not None:
        credential = await uow.credentials.get(credential_id)
        if credential is None or credential.platform is not platform:
            raise NotFound(f"{name} account", credential_id)
        return credential
    accounts = [c for c in await uow.credentials.list() if c.platform is platform]
    if len(accounts) != 1:
        raise AccountNotChosen(name, len(accounts))
    return accounts[0]
