"""Asking a service whether a key works, with its cheapest authenticated call."""

from __future__ import annotations

from typing import Protocol

from attrs import frozen

from autopost.domain.user import System


@frozen
class KeyOptions:
    """What some services need besides the key: Huntflow's address and which of its systems.
    An empty ``api_url`` means the service's configured one for ``system`` (prod when None)."""

    api_url: str = ""
    system: System | None = None


@frozen
class KeyCheck:
    """The service's answer. ``detail`` is a short reason in plain words, safe to log: it
    never holds the key. ``reachable`` is False when the service could not say (no answer, a
    5xx, an answer that is neither yes nor no): then ``valid`` is False but the key may be
    fine."""

    valid: bool
    detail: str
    reachable: bool = True

    @classmethod
    def accepted(cls, detail: str) -> KeyCheck:
        return cls(True, detail)

    @classmethod
    def refused(cls, detail: str) -> KeyCheck:
        return cls(False, detail)

    @classmethod
    def unreachable(cls, detail: str) -> KeyCheck:
        return cls(False, detail, reachable=False)


class IntegrationKeyChecker(Protocol):
    async def check(self, key: str, options: KeyOptions) -> KeyCheck:
        """Never raises for what the service answers or fails to answer: that is the
        ``KeyCheck``."""
        ...
