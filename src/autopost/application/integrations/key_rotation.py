"""``autopost rotate-secret-key``: every stored secret sealed again with the newest key.

Put the new key first in ``AUTOPOST_SECRET_KEY`` (``new,old``): everything still opens, new
secrets are sealed with the new key. Running this re-seals the old ones; then the old key can
be dropped from the setting.
"""

from __future__ import annotations

from attrs import frozen

from autopost.application.ports.secret_box import SecretBox
from autopost.application.ports.unit_of_work import UnitOfWork


@frozen
class Resealed:
    account_tokens: int
    integration_keys: int


class RotateSecretKey:
    def __init__(self, uow: UnitOfWork, box: SecretBox) -> None:
        self._uow = uow
        self._box = box

    async def execute(self) -> Resealed:
        async with self._uow as uow:
            tokens = 0
            for credential in await uow.credentials.list():
                credential.access_token = self._box.rotate(credential.access_token)
                tokens += 1
                if credential.refresh_token:
                    credential.refresh_token = self._box.rotate(credential.refresh_token)
                    tokens += 1
            secrets = await uow.user_secrets.every()
            for secret in secrets:
                secret.sealed = self._box.rotate(secret.sealed)
            await uow.commit()
            return Resealed(tokens, len(secrets))
