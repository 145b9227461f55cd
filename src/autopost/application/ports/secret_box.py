from __future__ import annotations

from typing import Protocol


class SecretBox(Protocol):
    """Encrypts secrets at rest. Ciphertext from an older key still opens after a rotation."""

    def seal(self, plaintext: str) -> str: ...

    def open(self, ciphertext: str) -> str: ...

    def rotate(self, ciphertext: str) -> str:
        """The same secret sealed with the newest key."""
        ...
