"""Secrets at rest, encrypted with keys derived from ``AUTOPOST_SECRET_KEY``.

The setting may hold several keys separated by commas: the first encrypts, all of them
decrypt, so a key can be rotated by putting the new one first and re-saving at leisure.
"""

from __future__ import annotations

import base64

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF


class SecretUnreadable(Exception):
    """A stored secret cannot be decrypted with any configured key."""


def _fernet(secret_key: str) -> Fernet:
    derived = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"autopost secret box"
    ).derive(secret_key.encode())
    return Fernet(base64.urlsafe_b64encode(derived))


class FernetSecretBox:
    def __init__(self, secret_keys: str) -> None:
        keys = [k.strip() for k in secret_keys.split(",") if k.strip()]
        if not keys:
            raise ValueError("AUTOPOST_SECRET_KEY is empty")
        self._box = MultiFernet([_fernet(k) for k in keys])

    def seal(self, plaintext: str) -> str:
        return self._box.encrypt(plaintext.encode()).decode()

    def open(self, ciphertext: str) -> str:
        try:
            return self._box.decrypt(ciphertext.encode()).decode()
        except InvalidToken:
            raise SecretUnreadable(
                "a stored secret cannot be decrypted: was AUTOPOST_SECRET_KEY changed without "
                "keeping the old key after the new one?"
            ) from None

    def rotate(self, ciphertext: str) -> str:
        """The same secret encrypted with the first (newest) key."""
        return self._box.rotate(ciphertext.encode()).decode()
