"""Which Instagram account a request means, and how to call the Graph API as it."""

from __future__ import annotations

from autopost.application.ports.instagram_gateway import InstagramAccount
from autopost.application.ports.secret_box import SecretBox
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.domain.credential import Credential
from autopost.domain.errors import AccountNotChosen, NotFound


async def instagram_credential(uow: UnitOfWork, credential_id: int | None) -> Credential:
    """The account named, or the only Instagram account there is."""
    if credential_id is not None:
        credential = await uow.credentials.get(credential_id)
        if credential is None or credential.platform != "instagram":
            raise NotFound("Instagram account", credential_id)
        return credential
    accounts = [c for c in await uow.credentials.list() if c.platform == "instagram"]
    if len(accounts) != 1:
        raise AccountNotChosen("Instagram", len(accounts))
    return accounts[0]


def as_account(credential: Credential, box: SecretBox) -> InstagramAccount:
    login = "instagram" if credential.environment == "instagram" else "facebook"
    return InstagramAccount(credential.account_id, box.open(credential.access_token), login)
