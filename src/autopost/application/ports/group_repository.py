"""Where groups (roles) and their members are kept."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

from autopost.domain.user import Group


class GroupRepository(Protocol):
    async def list(self) -> Sequence[Group]: ...

    async def get(self, group_id: int) -> Group | None: ...

    async def of_users(self, user_ids: Sequence[int]) -> Mapping[int, Sequence[Group]]:
        """Each user's groups, by name; a user in no group is missing from the mapping."""
        ...

    async def set_for_user(self, user_id: int, group_ids: Sequence[int]) -> None:
        """Make these the user's groups (replacing the ones it had)."""
        ...

    async def member_counts(self) -> Mapping[str, int]:
        """How many users each group has, by group name (every group, zero included)."""
        ...
