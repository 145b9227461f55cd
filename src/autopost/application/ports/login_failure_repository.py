"""Where failed sign-ins are counted, for the throttle."""

from __future__ import annotations

from typing import Protocol

from autopost.domain.login_throttle import LoginFailures


class LoginFailureRepository(Protocol):
    async def get(self, key: str) -> LoginFailures | None: ...

    async def add(self, failures: LoginFailures) -> None: ...

    async def clear(self, key: str) -> None: ...
