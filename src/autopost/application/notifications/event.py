"""What ``NotifyPeople`` is handed: one event of the catalogue, as the outbox records it."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, Protocol


class NotificationEvent(Protocol):
    """``id`` is stable across redeliveries: a person is told of one id once. ``data`` holds
    the event's fields (``post_id``, ``publication_id``, ``credential_id``, ``platform``,
    ``reason``, ``advice``, ``permalink``, ``remote_id``, ``until``, ``account`` …, as the
    type has them); ``owner_id`` is the person whose post or account it is about."""

    @property
    def id(self) -> str: ...

    @property
    def type(self) -> str: ...

    @property
    def occurred_at(self) -> datetime: ...

    @property
    def data(self) -> Mapping[str, Any]: ...

    @property
    def owner_id(self) -> int | None: ...
