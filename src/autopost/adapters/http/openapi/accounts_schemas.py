"""The answers of ``/api/users/``, ``/api/groups/`` and ``/api/audit/`` as JSON Schema: one
entry per function of ``user_json.py`` (same keys, same order)."""

from __future__ import annotations

from autopost.adapters.http.openapi.json_schema import (
    BOOLEAN,
    INTEGER,
    STRING,
    TIME,
    Schema,
    array,
    closed_object,
    enum,
    maybe,
    ref,
)
from autopost.domain.user import SECRET_SETTINGS, System

MASKED: Schema = {**enum("***", ""), "description": '`***` when set, `""` when not.'}

PERMISSION = closed_object(
    {
        "id": INTEGER,
        "name": STRING,
        "codename": STRING,
        "content_type": closed_object({"id": INTEGER, "app_label": STRING, "model": STRING}),
    }
)

GROUP = closed_object(
    {"id": INTEGER, "name": STRING, "permissions": array(ref("Permission"))},
    description="A role: Administrators, Publishers, Contributors or Observers.",
)

USER = closed_object(
    {
        "id": INTEGER,
        "username": STRING,
        "email": STRING,
        "first_name": STRING,
        "last_name": STRING,
        "full_name": {**STRING, "description": "Last name, then first name."},
        "telegram_username": STRING,
        "groups": array(ref("Group")),
        "groups_display": array(STRING),
        "is_admin": BOOLEAN,
        "is_publisher": BOOLEAN,
        "is_contributor": BOOLEAN,
        "is_observer": BOOLEAN,
        "active_system": enum(*System),
        "interviewer_calendar_url": STRING,
        "is_observer_active": BOOLEAN,
        "huntflow_prod_url": STRING,
        "huntflow_sandbox_url": STRING,
        "is_active": BOOLEAN,
        "is_staff": BOOLEAN,
        "is_superuser": BOOLEAN,
        "date_joined": TIME,
        "last_login": maybe(TIME),
    },
    description="A person. Never their password, never their integration keys.",
)

USER_SETTINGS = closed_object(
    {
        "gemini_api_key": MASKED,
        "clickup_api_key": MASKED,
        "notion_integration_token": MASKED,
        "huntflow_prod_url": STRING,
        "huntflow_prod_api_key": MASKED,
        "huntflow_sandbox_url": STRING,
        "huntflow_sandbox_api_key": MASKED,
        "active_system": enum(*System),
        "interviewer_calendar_url": STRING,
        "is_observer_active": BOOLEAN,
        **{name: MASKED for name in SECRET_SETTINGS if name.endswith("_access_token")},
    },
    description="The user's own settings. Keys are write-only: only whether each is set.",
)

USER_STATS = closed_object(
    {
        "total_users": INTEGER,
        "active_users": INTEGER,
        "staff_users": INTEGER,
        "groups_stats": {
            "type": "object",
            "additionalProperties": INTEGER,
            "description": "Members by group name.",
        },
    }
)

AUDIT_ENTRY = closed_object(
    {
        "id": INTEGER,
        "at": TIME,
        "actor": {**maybe(INTEGER), "description": "The user; null when Autopost acted."},
        "actor_name": STRING,
        "action": STRING,
        "resource": STRING,
        "resource_id": STRING,
        "summary": {**STRING, "description": "What changed; never a secret's value."},
    }
)


def page_of(item: str) -> Schema:
    return closed_object(
        {
            "count": INTEGER,
            "next": {**maybe(STRING), "description": "The next page's address, if any."},
            "previous": {**maybe(STRING), "description": "The page before's, if any."},
            "results": array(ref(item)),
        }
    )


ACCOUNTS_SCHEMAS: dict[str, Schema] = {
    "User": USER,
    "UserPage": page_of("User"),
    "Group": GROUP,
    "Permission": PERMISSION,
    "UserSettings": USER_SETTINGS,
    "UserStats": USER_STATS,
    "MessageAnswer": closed_object({"message": STRING}),
    "AuditEntry": AUDIT_ENTRY,
    "AuditPage": page_of("AuditEntry"),
}
