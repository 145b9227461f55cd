"""The answers about people, their groups and settings, and the audit log, made from what the use
cases hand back: the keys of each, in order, checked and typed by its model
(``answers/people.py``). Never a password hash, never an integration key."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache

from autopost.adapters.http.answers import people
from autopost.application.people.users import UserStatistics
from autopost.domain.access import ROLE_PERMISSIONS, Permission, Role
from autopost.domain.audit import AuditEntry
from autopost.domain.user import SECRET_MASK, SECRET_SETTINGS, Group, User


def permission_json(permission: Permission) -> people.Permission:
    resource = permission.resource
    answer = {
        "id": permission.id,
        "name": permission.name,
        "codename": permission.codename,
        "content_type": {
            "id": resource.content_type_id,
            "app_label": resource.app_label,
            "model": resource.value,
        },
    }
    return people.Permission.model_validate(answer)


@cache
def _permissions_of(role: Role | None) -> tuple[people.Permission, ...]:
    granted = ROLE_PERMISSIONS.get(role, frozenset()) if role else frozenset()
    return tuple(permission_json(p) for p in sorted(granted, key=lambda p: p.id))


def group_json(group: Group) -> people.Group:
    answer = {"id": group.id, "name": group.name, "permissions": _permissions_of(group.role)}
    return people.Group.model_validate(answer)


def user_json(user: User, groups: Iterable[Group]) -> people.User:
    groups = list(groups)
    roles = {g.role for g in groups}
    answer = {
        "id": user.id,
        "username": user.username,
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "full_name": user.full_name,
        "telegram_username": user.telegram_username,
        "groups": [group_json(g) for g in groups],
        "groups_display": [g.name for g in groups],
        "is_admin": user.is_superuser or Role.ADMINISTRATORS in roles,
        "is_publisher": Role.PUBLISHERS in roles,
        "is_contributor": Role.CONTRIBUTORS in roles,
        "is_observer": Role.OBSERVERS in roles,
        "active_system": user.active_system,
        "interviewer_calendar_url": user.interviewer_calendar_url,
        "is_observer_active": user.is_observer_active,
        "huntflow_prod_url": user.huntflow_prod_url,
        "huntflow_sandbox_url": user.huntflow_sandbox_url,
        "is_active": user.is_active,
        "is_staff": user.is_staff,
        "is_superuser": user.is_superuser,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
    }
    return people.User.model_validate(answer)


def settings_json(user: User, secrets_set: Sequence[str] | frozenset[str]) -> people.UserSettings:
    """The earlier API's settings, then Autopost's own; each key ``***`` when set, else ``""``."""

    def masked(name: str) -> str:
        return SECRET_MASK if name in secrets_set else ""

    answer = {
        "gemini_api_key": masked("gemini_api_key"),
        "clickup_api_key": masked("clickup_api_key"),
        "notion_integration_token": masked("notion_integration_token"),
        "huntflow_prod_url": user.huntflow_prod_url,
        "huntflow_prod_api_key": masked("huntflow_prod_api_key"),
        "huntflow_sandbox_url": user.huntflow_sandbox_url,
        "huntflow_sandbox_api_key": masked("huntflow_sandbox_api_key"),
        "active_system": user.active_system,
        "interviewer_calendar_url": user.interviewer_calendar_url,
        "is_observer_active": user.is_observer_active,
        **{name: masked(name) for name in SECRET_SETTINGS if name.endswith("_access_token")},
    }
    return people.UserSettings.model_validate(answer)


def stats_json(stats: UserStatistics) -> people.UserStats:
    answer = {
        "total_users": stats.total_users,
        "active_users": stats.active_users,
        "staff_users": stats.staff_users,
        "groups_stats": dict(stats.groups_stats),
    }
    return people.UserStats.model_validate(answer)


def audit_json(entry: AuditEntry) -> people.AuditEntry:
    answer = {
        "id": entry.id,
        "at": entry.at,
        "actor": entry.actor_id,
        "actor_name": entry.actor_name,
        "action": entry.action,
        "resource": entry.resource,
        "resource_id": entry.resource_id,
        "summary": entry.summary,
    }
    return people.AuditEntry.model_validate(answer)
