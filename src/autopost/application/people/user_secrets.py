"""A user's integration keys: sealed before they are stored, never read back out."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from autopost.application.ports.secret_box import SecretBox
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.domain.user import SECRET_MASK, SECRET_SETTINGS, UserSecret

MAX_SECRET_LENGTH = 4096


def secret_problems(secrets: Mapping[str, str]) -> dict[str, list[str]]:
    """Problems with the keys given; a message never repeats a key's value."""
    problems: dict[str, list[str]] = {}
    for name, value in secrets.items():
        if name not in SECRET_SETTINGS:
            problems[name] = ["Not an integration key."]
        elif len(value) > MAX_SECRET_LENGTH:
            problems[name] = [f"Ensure this field has no more than {MAX_SECRET_LENGTH} characters."]
    return problems


async def save_secrets(
    uow: UnitOfWork, box: SecretBox, user_id: int, secrets: Mapping[str, str], now: datetime
) -> list[str]:
    """Store each key given, sealed; an empty one removes the key, and ``SECRET_MASK`` (what
    reading the settings shows) keeps it as stored. The names of those stored or removed."""
    given = {name: value for name, value in secrets.items() if value != SECRET_MASK}
    for name, value in given.items():
        if value:
            await uow.user_secrets.put(UserSecret(user_id, name, box.seal(value), now))
        else:
            await uow.user_secrets.remove(user_id, name)
    return sorted(given)


async def secret_names(uow: UnitOfWork, user_id: int) -> frozenset[str]:
    """Which of the user's keys are set."""
    return frozenset(s.name for s in await uow.user_secrets.for_user(user_id))
