"""Request bodies of ``/api/users/``: the earlier API's fields. A field left out, or sent as
null, is not changed; unknown fields are ignored, as the earlier API did."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from autopost.adapters.http.schemas import RecordId
from autopost.application.people.user_changes import ADMIN_FIELDS, PROFILE_FIELDS, UserChanges
from autopost.application.people.user_settings import SETTINGS_FIELDS, SettingsChanges
from autopost.domain.user import SECRET_SETTINGS

# Surrounding spaces are dropped: typed by accident, they would make a name no one can find.
Text = Annotated[str, StringConstraints(strip_whitespace=True)]
Secret = Annotated[
    Text | None,
    Field(
        default=None,
        description="Write-only: stored encrypted, shown as `***` when set. "
        "An empty value removes it; `***` keeps the stored one.",
        json_schema_extra={"writeOnly": True},
        repr=False,
    ),
]
WriteOnly = Annotated[
    str | None, Field(default=None, json_schema_extra={"writeOnly": True}, repr=False)
]


class SecretsIn(BaseModel):
    """The integration keys (``SECRET_SETTINGS``)."""

    model_config = ConfigDict(extra="ignore")

    instagram_access_token: Secret
    pinterest_access_token: Secret
    gemini_api_key: Secret
    clickup_api_key: Secret
    notion_integration_token: Secret
    huntflow_prod_api_key: Secret
    huntflow_sandbox_api_key: Secret

    def secrets(self) -> dict[str, str]:
        return {
            name: value
            for name in SECRET_SETTINGS
            if (value := getattr(self, name, None)) is not None
        }

    def sent(self, names: frozenset[str]) -> dict[str, str | bool]:
        return {
            name: value
            for name in sorted(names)
            if (value := getattr(self, name, None)) is not None
        }


class SettingsIn(SecretsIn):
    huntflow_prod_url: Text | None = Field(default=None, description="An https:// address.")
    huntflow_sandbox_url: Text | None = Field(default=None, description="An https:// address.")
    active_system: Text | None = Field(default=None, description="`prod` or `sandbox`.")
    interviewer_calendar_url: Text | None = None
    is_observer_active: bool | None = None

    def settings_changes(self) -> SettingsChanges:
        return SettingsChanges(self.sent(SETTINGS_FIELDS), self.secrets())


class UserIn(SettingsIn):
    """``is_active``, ``is_staff``, ``is_superuser`` and ``groups`` only an administrator may
    change."""

    username: Text | None = Field(
        default=None, description="Letters, digits and @/./+/-/_; at most 150."
    )
    email: Text | None = None
    first_name: Text | None = None
    last_name: Text | None = None
    telegram_username: Text | None = None
    is_active: bool | None = None
    is_staff: bool | None = None
    is_superuser: bool | None = None
    groups: list[RecordId] | None = Field(default=None, description="The ids of its groups.")

    def user_changes(self) -> UserChanges:
        return UserChanges(self.sent(PROFILE_FIELDS | ADMIN_FIELDS), self.groups, self.secrets())


class NewUserIn(UserIn):
    """``username``, ``email``, ``password`` and ``password_confirm`` are required."""

    password: WriteOnly
    password_confirm: WriteOnly


class PasswordChangeIn(BaseModel):
    model_config = ConfigDict(extra="ignore")

    old_password: WriteOnly
    new_password: WriteOnly
    new_password_confirm: WriteOnly


class AssignGroupsIn(BaseModel):
    model_config = ConfigDict(extra="ignore")

    group_ids: list[RecordId]
