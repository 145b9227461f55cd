"""What ``/api/users/``, ``/api/groups/`` and ``/api/audit/`` answer: the earlier API's user shape,
GroupSerializer and UserSettingsSerializer. Never a password hash, never an integration key."""

from __future__ import annotations

from typing import Annotated, Generic, Literal, TypeVar

from pydantic import Field

from autopost.adapters.http.answers.base import Answer, UtcTime
from autopost.domain.user import System

ItemT = TypeVar("ItemT")

Masked = Annotated[Literal["***", ""], Field(description='`***` when set, `""` when not.')]


class PermissionContentType(Answer):
    id: int
    app_label: str
    model: str


class Permission(Answer):
    id: int
    name: str
    codename: str
    content_type: PermissionContentType


class Group(Answer):
    """A role: Administrators, Publishers, Contributors or Observers."""

    id: int
    name: str
    permissions: list[Permission]


class User(Answer):
    """A person. Never their password, never their integration keys."""

    id: int
    username: str
    email: str
    first_name: str
    last_name: str
    full_name: str = Field(description="Last name, then first name.")
    telegram_username: str
    groups: list[Group]
    groups_display: list[str]
    is_admin: bool
    is_publisher: bool
    is_contributor: bool
    is_observer: bool
    active_system: System
    interviewer_calendar_url: str
    is_observer_active: bool
    huntflow_prod_url: str
    huntflow_sandbox_url: str
    is_active: bool
    is_staff: bool
    is_superuser: bool
    date_joined: UtcTime
    last_login: UtcTime | None


class UserSettings(Answer):
    """The user's own settings. Keys are write-only: only whether each is set."""

    gemini_api_key: Masked
    clickup_api_key: Masked
    notion_integration_token: Masked
    huntflow_prod_url: str
    huntflow_prod_api_key: Masked
    huntflow_sandbox_url: str
    huntflow_sandbox_api_key: Masked
    active_system: System
    interviewer_calendar_url: str
    is_observer_active: bool
    # The platforms' tokens of SECRET_SETTINGS, after the earlier API's settings.
    instagram_access_token: Masked
    pinterest_access_token: Masked


class UserStats(Answer):
    total_users: int
    active_users: int
    staff_users: int
    groups_stats: dict[str, int] = Field(description="Members by group name.")


class AuditEntry(Answer):
    id: int
    at: UtcTime
    actor: int | None = Field(description="The user; null when Autopost acted.")
    actor_name: str
    action: str
    resource: str
    resource_id: str
    summary: str = Field(description="What changed; never a secret's value.")


class MessageAnswer(Answer):
    message: str


class Page(Answer, Generic[ItemT]):
    """One page of a list, in the earlier API's page-number pagination."""

    count: int
    next: str | None = Field(description="The next page's address, if any.")
    previous: str | None = Field(description="The page before's, if any.")
    results: list[ItemT]


class UserPage(Page[User]):
    """A page of users."""


class AuditPage(Page[AuditEntry]):
    """A page of the audit log, newest first."""
