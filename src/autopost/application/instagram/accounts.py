"""Which Instagram account a request means, and how to call the Graph API as it."""

from __future__ import annotations

from autopost.application.connected_accounts import connected_account
from autopost.application.ports.instagram_gateway import InstagramAccount
from autopost.application.ports.secret_box import SecretBox
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.domain.credential import Credential
from autopost.domain.platform import Platform


async def instagram_credential(uow: UnitOfWork, credential_id: int | None) -> Credential:
    """The Instagram account named, or the only one there is."""
    return await connected_account(uow, Platform.INSTAGRAM, credential_id)


def as_account(credential: Credential, box: SecretBox) -> InstagramAccount:
    login = credential.instagram_login.value
    return InstagramAccount(credential.account_id, box.open(credential.access_token), login)
