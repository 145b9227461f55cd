"""Changing AUTOPOST_SECRET_KEY without losing a stored token or key."""

from __future__ import annotations

import pytest
from persistence_builders import NOW, Seed, UowFactory

from autopost.adapters.security.fernet_secret_box import FernetSecretBox, SecretUnreadable
from autopost.application.integrations.key_rotation import RotateSecretKey
from autopost.domain.user import User, UserSecret

pytestmark = pytest.mark.integration


async def test_rotating_reseals_every_secret_with_the_new_key(
    uow_factory: UowFactory, seed: Seed
) -> None:
    old = FernetSecretBox("old-key")
    credential_id = await seed.credential(
        access_token=old.seal("EAAG-access"), refresh_token=old.seal("refresh-me")
    )
    async with uow_factory() as uow:
        user = User("ann", "ann@example.com", "hash", NOW)
        await uow.users.add(user)
        assert user.id is not None
        await uow.user_secrets.put(UserSecret(user.id, "gemini_api_key", old.seal("AIza-k"), NOW))
        await uow.commit()

    done = await RotateSecretKey(uow_factory(), FernetSecretBox("new-key,old-key")).execute()

    assert (done.account_tokens, done.integration_keys) == (2, 1)
    new_only = FernetSecretBox("new-key")
    async with uow_factory() as uow:
        credential = await uow.credentials.get(credential_id)
        assert credential is not None and credential.refresh_token is not None
        assert new_only.open(credential.access_token) == "EAAG-access"
        assert new_only.open(credential.refresh_token) == "refresh-me"
        (secret,) = await uow.user_secrets.every()
        assert new_only.open(secret.sealed) == "AIza-k"
        with pytest.raises(SecretUnreadable):
            old.open(secret.sealed)
