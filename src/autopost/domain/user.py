"""People who use Autopost, and the API tokens they sign in with."""

from __future__ import annotations

from datetime import datetime

from attrs import define


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
    id: int | None = None


@define(slots=False, eq=False)
class ApiToken:
    """Only the token's digest is kept; the token itself is shown once, when issued."""

    digest: str
    user_id: int
    created_at: datetime
    id: int | None = None
