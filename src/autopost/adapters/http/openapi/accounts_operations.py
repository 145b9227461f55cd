"""``/api/users/``, ``/api/groups/`` and ``/api/audit/``: people, their roles, and the log of
who changed what."""

from __future__ import annotations

from autopost.adapters.http.account_schemas import (
    AssignGroupsIn,
    NewUserIn,
    PasswordChangeIn,
    SettingsIn,
    UserIn,
)
from autopost.adapters.http.answers.errors import Error
from autopost.adapters.http.answers.people import (
    AuditPage,
    Group,
    MessageAnswer,
    User,
    UserPage,
    UserSettings,
    UserStats,
)
from autopost.adapters.http.openapi.json_schema import STRING, enum
from autopost.adapters.http.openapi.operation import (
    INVALID,
    NO_CONTENT,
    NOT_FOUND,
    Operation,
    Reply,
    path_id,
    query,
)
from autopost.application.ports.user_repository import USER_ORDERINGS

USER_ID = path_id("user_id", "user")
USER = Reply("The user.", User)
FORBIDDEN = Reply("The user's roles do not allow this.", Error)
INVALID_PAGE = Reply('No such page: `{"error": "Invalid page."}`.', Error)
PAGE_NUMBER = {"type": "integer", "minimum": 1}
PAGE = (
    query("page", PAGE_NUMBER, "From 1; 20 to a page. A page past the last is a 404."),
    query("page_size", PAGE_NUMBER, "At most 100 (more is read as 100)."),
)
ADMINS_ONLY = "For administrators."
OWN_OR_ADMIN = (
    "Administrators may for anyone; everyone may for themselves, but only an administrator "
    "may change `is_active`, `is_staff`, `is_superuser` or `groups` (sending the value they "
    "already have is allowed)."
)
NEW_PASSWORD = "another long passphrase"  # noqa: S105 (an example)
PROFILE_EXAMPLE = {"first_name": "Новое", "last_name": "Имя", "telegram_username": "@new_username"}

USERS = (
    Operation(
        "get",
        "/api/users/",
        "list_users",
        "List users",
        "users",
        {
            200: Reply("A page of users.", UserPage),
            400: INVALID,
            403: FORBIDDEN,
            404: INVALID_PAGE,
        },
        params=(
            query("search", STRING, "In the username, email, first, last or full name."),
            query(
                "ordering",
                enum(*USER_ORDERINGS, *(f"-{o}" for o in USER_ORDERINGS)),
                "`-` first for descending; by username when not given.",
            ),
            *PAGE,
        ),
        description=ADMINS_ONLY,
    ),
    Operation(
        "post",
        "/api/users/",
        "create_user",
        "Create a user",
        "users",
        {201: Reply("The new user, an Observer.", User), 400: INVALID, 403: FORBIDDEN},
        body=NewUserIn,
        example={
            "username": "new_user",
            "email": "new@example.com",
            "first_name": "Новый",
            "last_name": "Пользователь",
            "password": "a new long passphrase",
            "password_confirm": "a new long passphrase",
            "telegram_username": "@new_user",
            "active_system": "sandbox",
            "is_observer_active": True,
        },
        description=f"{ADMINS_ONLY} The password must be at least 8 characters, not only "
        "digits, not a common one and not like the username, names or email; "
        '`{"non_field_errors": ["Введённые пароли различаются"]}` when the two differ. Every new '
        "user is an Observer. Integration keys sent are stored encrypted.",
    ),
    Operation(
        "get",
        "/api/users/profile/",
        "get_profile",
        "Your own user",
        "users",
        {200: USER, 403: FORBIDDEN},
    ),
    Operation(
        "put",
        "/api/users/profile/",
        "update_profile",
        "Change your own user",
        "users",
        {200: USER, 400: INVALID, 403: FORBIDDEN},
        body=UserIn,
        example=PROFILE_EXAMPLE,
        description=f"Only the fields sent change. {OWN_OR_ADMIN}",
    ),
    Operation(
        "post",
        "/api/users/change-password/",
        "change_password",
        "Change your password",
        "users",
        {200: Reply("Changed.", MessageAnswer), 400: INVALID, 403: FORBIDDEN},
        body=PasswordChangeIn,
        example={
            "old_password": "a long enough passphrase",
            "new_password": NEW_PASSWORD,
            "new_password_confirm": NEW_PASSWORD,
        },
        description="Every other session and API token of yours ends; the one this request "
        "came with stays.",
    ),
    Operation(
        "get",
        "/api/users/settings/",
        "get_settings",
        "Your settings",
        "users",
        {200: Reply("The settings; keys masked.", UserSettings), 403: FORBIDDEN},
    ),
    Operation(
        "put",
        "/api/users/settings/",
        "update_settings",
        "Change your settings",
        "users",
        {
            200: Reply("The settings; keys masked.", UserSettings),
            400: INVALID,
            403: FORBIDDEN,
        },
        body=SettingsIn,
        example={"gemini_api_key": "AIzaSy-an-example-key", "active_system": "prod"},
        description="Only the fields sent change; an empty key removes it. Keys are stored "
        "encrypted and never shown again.",
    ),
    Operation(
        "get",
        "/api/users/stats/",
        "user_stats",
        "How many users",
        "users",
        {200: Reply("The totals.", UserStats), 403: FORBIDDEN},
        description=ADMINS_ONLY,
    ),
    Operation(
        "get",
        "/api/users/{user_id}/",
        "get_user",
        "Read a user",
        "users",
        {200: USER, 403: FORBIDDEN, 404: NOT_FOUND},
        params=(USER_ID,),
        description="Administrators may read anyone; everyone may read themselves.",
    ),
    *(
        Operation(
            method,
            "/api/users/{user_id}/",
            f"{verb}_user",
            "Change a user",
            "users",
            {200: USER, 400: INVALID, 403: FORBIDDEN, 404: NOT_FOUND},
            body=UserIn,
            example=PROFILE_EXAMPLE,
            params=(USER_ID,),
            description=f"Only the fields sent change, with either method. {OWN_OR_ADMIN}",
        )
        for method, verb in (("put", "replace"), ("patch", "update"))
    ),
    Operation(
        "delete",
        "/api/users/{user_id}/",
        "delete_user",
        "Delete a user",
        "users",
        {204: NO_CONTENT, 400: INVALID, 403: FORBIDDEN, 404: NOT_FOUND},
        params=(USER_ID,),
        description=f"{ADMINS_ONLY} Nobody deletes themselves.",
    ),
    Operation(
        "post",
        "/api/users/{user_id}/assign-groups/",
        "assign_groups",
        "Give a user their groups",
        "users",
        {
            200: Reply("Assigned.", MessageAnswer),
            400: INVALID,
            403: FORBIDDEN,
            404: NOT_FOUND,
        },
        body=AssignGroupsIn,
        example={"group_ids": [1]},
        params=(USER_ID,),
        description=f"{ADMINS_ONLY} The groups replace the ones the user had.",
    ),
)

GROUPS = (
    Operation(
        "get",
        "/api/groups/",
        "list_groups",
        "List groups",
        "users",
        {200: Reply("The groups.", list[Group]), 403: FORBIDDEN},
    ),
    Operation(
        "get",
        "/api/groups/{group_id}/",
        "get_group",
        "Read a group",
        "users",
        {200: Reply("The group.", Group), 403: FORBIDDEN, 404: NOT_FOUND},
        params=(path_id("group_id", "group"),),
    ),
)

AUDIT = (
    Operation(
        "get",
        "/api/audit/",
        "list_audit_entries",
        "The audit log",
        "users",
        {200: Reply("A page, newest first.", AuditPage), 403: FORBIDDEN, 404: INVALID_PAGE},
        params=PAGE,
        description=f"{ADMINS_ONLY} Who created, changed, cancelled or published what, and when.",
    ),
)

ACCOUNTS_OPERATIONS = (*USERS, *GROUPS, *AUDIT)
