"""People who use Autopost, their groups, sessions and API tokens, and their integration keys."""

from __future__ import annotations

import enum
from datetime import datetime

from attrs import define

from autopost.domain.access import Role, role_of_group


class System(enum.StrEnum):
    """The earlier API's ``active_system``: which of the user's Huntflow systems is in use."""

    PROD = "prod"
    SANDBOX = "sandbox"


@define(slots=False, eq=False)
class User:
    username: str
    email: str
    password_hash: str
    date_joined: datetime
    first_name: str = ""
    last_name: str = ""
    is_active: bool = True
    is_staff: bool = False
    is_superuser: bool = False
    last_login: datetime | None = None
    telegram_username: str = ""
    active_system: str = System.SANDBOX.value
    interviewer_calendar_url: str = ""
    is_observer_active: bool = False
    huntflow_prod_url: str = ""
    huntflow_sandbox_url: str = ""
    # Where the person is (an IANA name): the desk's pages show times in it.
    time_zone: str = "UTC"
    id: int | None = None

    @property
    def full_name(self) -> str:
        """The earlier API's order: last name, then first name."""
        return " ".join(part for part in (self.last_name, self.first_name) if part)


@define(slots=False, eq=False)
class Group:
    name: str
    id: int | None = None

    @property
    def role(self) -> Role | None:
        return role_of_group(self.name)


@define(slots=False, eq=False)
class ApiToken:
    """Only the token's digest is kept; the token itself is shown once, when issued."""

    digest: str
    user_id: int
    created_at: datetime
    name: str = ""
    last_used_at: datetime | None = None
    id: int | None = None


@define(slots=False, eq=False)
class Session:
    """A signed-in browser. Only the digest of the cookie's value is kept; the CSRF token is
    the one unsafe requests made with this session must repeat."""

    digest: str
    user_id: int
    csrf_token: str
    created_at: datetime
    expires_at: datetime
    id: int | None = None


# Settings the earlier API keeps secret: write-only everywhere, shown as ``SECRET_MASK`` when set.
# The mask sent back (a client that saves what it read) keeps the stored key.
SECRET_MASK = "***"  # noqa: S105 (what a set key is shown as, not a key)
SECRET_SETTINGS: tuple[str, ...] = (
    "instagram_access_token",
    "pinterest_access_token",
    "gemini_api_key",
    "clickup_api_key",
    "notion_integration_token",
    "huntflow_prod_api_key",
    "huntflow_sandbox_api_key",
)


@define(slots=False, eq=False)
class UserSecret:
    """One integration key of a user, encrypted (``sealed``) with the server's secret key."""

    user_id: int
    name: str
    sealed: str
    updated_at: datetime
    id: int | None = None
