"""Which Instagram account a request means, and how to call the Graph API as it."""

from __future__ import annotations

from autopost.application.ports.instagram_gateway import InstagramAccount
from autopost.application.ports.secret_box import SecretBox
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.domain.credential import Credential
from autopost.domain.errors import AccountNotChosen, NotFound
from autopost.domain.platform import Platform


async def instagram_credential(uow: UnitOfWork, credential_id: int | None) -> Credential:
    """The account named, or the only Instagram account there is."""
    if credential_id is not None:
        credential = await uow.credentials.get(credential_id)
        if credential is None or credential.platform is not Platform.INSTAGRAM:
            raise NotFound("Instagram account", credential_id)
        return credential
    accounts = [c for c in await uow.credentials.list() if c.platform is Platform.INSTAGRAM]
    if len(accounts) != 1:
        raise AccountNotChosen("Instagram", len(accounts))
    return accounts[0]


def as_account(credential: Credential, box: SecretBox) -> InstagramAccount:
    login = credential.instagram_login.value
    return InstagramAccount(credential.account_id, box.open(credential.access_token), login)
