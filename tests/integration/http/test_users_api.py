"""``/api/users/``, ``/api/groups/`` and ``/api/audit/`` over the real container, on SQLite
and on PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import text

from autopost.adapters.http.app import create_app
from autopost.adapters.scheduling.broker import create_broker
from autopost.application.messages import ENGLISH, Message
from autopost.entrypoints.container import (
    Container,
    build_container,
    close_resources,
    open_resources,
)
from autopost.entrypoints.settings import Settings

pytestmark = pytest.mark.integration

PASSWORD = "a long enough passphrase"
NEW_PASSWORD = "quite another passphrase"
GEMINI_KEY = "AIzaSy-very-secret-gemini-key"
INSTAGRAM_KEY = "EAAG-very-secret-instagram-token"

USER_KEYS = [
    "id",
    "username",
    "email",
    "first_name",
    "last_name",
    "full_name",
    "telegram_username",
    "groups",
    "groups_display",
    "is_admin",
    "is_publisher",
    "is_contributor",
    "is_observer",
    "active_system",
    "interviewer_calendar_url",
    "is_observer_active",
    "huntflow_prod_url",
    "huntflow_sandbox_url",
    "is_active",
    "is_staff",
    "is_superuser",
    "date_joined",
    "last_login",
]


@pytest.fixture
async def container(tmp_path: Path, database_url: str) -> AsyncIterator[Container]:
    """On SQLite, then on PostgreSQL (see tests/integration/conftest.py)."""
    settings = Settings(var_dir=tmp_path, database_url=database_url, secret_key="test-secret-key")
    built = build_container(settings, create_broker(None))
    await open_resources(built)
    await built.people.create_superuser().execute("admin", "admin@example.com", PASSWORD)
    yield built
    await close_resources(built)


class Api:
    """The app, and every body it answered with (to look for secrets in)."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.bodies: list[str] = []

    def client(self, token: str | None = None) -> httpx.AsyncClient:
        async def keep(response: httpx.Response) -> None:
            self.bodies.append((await response.aread()).decode())

        headers = {"Authorization": f"Token {token}"} if token else {}
        return httpx.AsyncClient(
            transport=httpx.ASGITransport(app=self.app),
            base_url="http://autopost.test",
            headers=headers,
            event_hooks={"response": [keep]},
        )

    async def token(self, username: str, password: str = PASSWORD) -> str:
        async with self.client() as anonymous:
            response = await anonymous.post(
                "/api/v1/api-token-auth/", json={"username": username, "password": password}
            )
            assert response.status_code == 200, response.text
            return str(response.json()["token"])


@pytest.fixture
def api(container: Container) -> Api:
    return Api(create_app(container))


@pytest.fixture
async def admin(api: Api) -> AsyncIterator[httpx.AsyncClient]:
    async with api.client(await api.token("admin")) as client:
        yield client


def new_user(username: str, **fields: Any) -> dict[str, Any]:
    return {
        "username": username,
        "email": f"{username}@example.com",
        "password": PASSWORD,
        "password_confirm": PASSWORD,
        **fields,
    }


async def signed_in(api: Api, admin: httpx.AsyncClient, username: str) -> httpx.AsyncClient:
    created = await admin.post("/api/users/", json=new_user(username))
    assert created.status_code == 201, created.text
    return api.client(await api.token(username))


async def test_an_administrator_creates_a_user_who_is_an_observer(
    admin: httpx.AsyncClient,
) -> None:
    response = await admin.post(
        "/api/users/",
        json=new_user(
            "new_user",
            first_name="Новый",
            last_name="Пользователь",
            telegram_username="@new_user",
            is_observer_active=True,
        ),
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert list(body) == USER_KEYS
    assert body["full_name"] == "Пользователь Новый"
    assert body["groups_display"] == ["Observers"]
    assert (body["is_observer"], body["is_admin"], body["is_staff"]) == (True, False, False)
    assert body["is_observer_active"] is True and body["last_login"] is None
    assert body["date_joined"].endswith("Z")
    observers = body["groups"][0]
    assert observers["id"] == 4
    assert {p["codename"] for p in observers["permissions"]} >= {"view_post", "change_own_user"}
    assert observers["permissions"][0]["content_type"].keys() == {"id", "app_label", "model"}


async def test_the_passwords_must_match_in_the_requests_language(
    admin: httpx.AsyncClient,
) -> None:
    body = new_user("someone", password_confirm="a different passphrase")
    response = await admin.post("/api/users/", json=body)
    assert (response.status_code, response.json()) == (
        400,
        {"non_field_errors": ["Введённые пароли различаются"]},
    )
    english = await admin.post("/api/users/", json=body, headers={"Accept-Language": "en"})
    assert english.json() == {"non_field_errors": ["The two passwords are different"]}


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short1!", Message.PASSWORD_TOO_SHORT),
        ("1234567890123", Message.PASSWORD_ENTIRELY_NUMERIC),
        ("password123", Message.PASSWORD_TOO_COMMON),
        ("someone123", Message.PASSWORD_SIMILAR_TO_USERNAME),
    ],
)
async def test_a_weak_password_is_refused(
    admin: httpx.AsyncClient, password: str, message: Message
) -> None:
    body = new_user("someone", password=password, password_confirm=password)
    response = await admin.post("/api/users/", json=body)
    assert response.status_code == 400
    assert message.value in response.json()["password"]
    english = await admin.post("/api/users/", json=body, headers={"Accept-Language": "en"})
    assert ENGLISH[message] in english.json()["password"]


async def test_username_email_and_passwords_are_required_and_checked(
    admin: httpx.AsyncClient,
) -> None:
    response = await admin.post("/api/users/", json={"first_name": "Nobody"})
    required = ["Заполните это поле."]
    assert response.status_code == 400
    assert response.json() == {
        "username": required,
        "email": required,
        "password": required,
        "password_confirm": required,
    }
    response = await admin.post(
        "/api/users/", json=new_user("bad name", email="not-an-email", huntflow_prod_url="x")
    )
    assert set(response.json()) == {"username", "email", "huntflow_prod_url"}
    taken = await admin.post("/api/users/", json=new_user("ADMIN", email="admin@example.com"))
    assert taken.json() == {
        "username": [Message.USERNAME_TAKEN.value],
        "email": [Message.EMAIL_TAKEN.value],
    }


async def test_the_list_searches_orders_and_pages(admin: httpx.AsyncClient) -> None:
    for n in range(5):
        created = await admin.post("/api/users/", json=new_user(f"member{n}", last_name="Smith"))
        assert created.status_code == 201
    response = await admin.get(
        "/api/users/", params={"search": "smith", "ordering": "-username", "page_size": 2}
    )
    page = response.json()
    assert (page["count"], [u["username"] for u in page["results"]]) == (
        5,
        ["member4", "member3"],
    )
    assert page["previous"] is None
    assert page["next"].startswith("http://autopost.test/api/users/?")
    assert "page=2" in page["next"] and "page_size=2" in page["next"]
    second = (await admin.get(page["next"])).json()
    assert [u["username"] for u in second["results"]] == ["member2", "member1"]
    assert "page=" not in second["previous"]
    third = (await admin.get(second["next"])).json()
    assert (third["next"], [u["username"] for u in third["results"]]) == (None, ["member0"])
    everyone = (await admin.get("/api/users/")).json()
    assert [u["username"] for u in everyone["results"]][:2] == ["admin", "member0"]
    for page_number in ("4", "0", "x"):
        invalid = await admin.get("/api/users/", params={"search": "smith", "page": page_number})
        assert (invalid.status_code, invalid.json()) == (404, {"error": "Invalid page."})


async def test_an_ordering_it_cannot_use_is_a_400_listing_those_it_can(
    admin: httpx.AsyncClient,
) -> None:
    for ordering in ("nonsense", "-password_hash", "username,email"):
        refused = await admin.get("/api/users/", params={"ordering": ordering})
        assert refused.status_code == 400, ordering
        (message,) = refused.json()["ordering"]
        assert "username, -username, email, -email, date_joined" in message


async def test_search_finds_percent_and_underscore_as_themselves(admin: httpx.AsyncClient) -> None:
    for name, last_name in [
        ("under_score", "Plain"),
        ("underxscore", "100% sure"),
        ("other", "1000 sure"),
    ]:
        created = await admin.post("/api/users/", json=new_user(name, last_name=last_name))
        assert created.status_code == 201, created.text

    async def found(search: str) -> list[str]:
        page = (await admin.get("/api/users/", params={"search": search})).json()
        return [u["username"] for u in page["results"]]

    assert await found("under_") == ["under_score"]
    assert await found("0% s") == ["underxscore"]
    assert await found("%") == ["underxscore"]


async def test_someone_who_is_not_an_administrator_sees_and_changes_only_themselves(
    api: Api, admin: httpx.AsyncClient
) -> None:
    async with await signed_in(api, admin, "observer") as observer:
        me = (await observer.get("/api/users/profile/")).json()
        assert me["username"] == "observer"
        for method, path in [
            ("GET", "/api/users/"),
            ("GET", "/api/users/stats/"),
            ("POST", "/api/users/"),
            ("GET", "/api/users/1/"),
            ("PATCH", "/api/users/1/"),
            ("DELETE", "/api/users/1/"),
            ("DELETE", f"/api/users/{me['id']}/"),
            ("POST", f"/api/users/{me['id']}/assign-groups/"),
            ("GET", "/api/audit/"),
        ]:
            response = await observer.request(method, path, json={"group_ids": [1]})
            assert response.status_code == 403, (method, path, response.text)
            assert "error" in response.json()
        own = await observer.get(f"/api/users/{me['id']}/")
        assert own.status_code == 200
        renamed = await observer.put("/api/users/profile/", json={"first_name": "Olga"})
        assert (renamed.status_code, renamed.json()["first_name"]) == (200, "Olga")
        unchanged = await observer.patch(f"/api/users/{me['id']}/", json={"is_staff": False})
        assert unchanged.status_code == 200
        for raise_itself in ({"is_staff": True}, {"is_superuser": True}, {"groups": [1]}):
            refused = await observer.put("/api/users/profile/", json=raise_itself)
            assert refused.status_code == 403, raise_itself
        assert (await observer.get("/api/groups/")).status_code == 200
    assert (await admin.get(f"/api/users/{me['id']}/")).json()["is_staff"] is False


async def test_an_administrator_changes_deletes_but_never_deletes_themselves(
    api: Api, admin: httpx.AsyncClient
) -> None:
    created = (await admin.post("/api/users/", json=new_user("temp"))).json()
    path = f"/api/users/{created['id']}/"
    changed = await admin.patch(path, json={"is_staff": True, "groups": [2, 4]})
    assert changed.json()["is_staff"] is True
    assert changed.json()["groups_display"] == ["Observers", "Publishers"]
    unknown = await admin.patch(path, json={"groups": [99]})
    assert unknown.json() == {"groups": ['Invalid pk "99" - object does not exist.']}
    myself = await admin.delete("/api/users/1/")
    assert (myself.status_code, myself.json()) == (
        400,
        {"non_field_errors": ["Свою учётную запись удалить нельзя"]},
    )
    assert (await admin.delete(path)).status_code == 204
    assert (await admin.get(path)).json() == {"error": "Not found."}


async def test_assigning_groups_and_the_stats(admin: httpx.AsyncClient) -> None:
    created = (await admin.post("/api/users/", json=new_user("writer"))).json()
    path = f"/api/users/{created['id']}/assign-groups/"
    unknown = await admin.post(path, json={"group_ids": [2, 99]})
    assert unknown.status_code == 400 and "group_ids" in unknown.json()
    response = await admin.post(path, json={"group_ids": [2, 3]})
    assert response.json() == {"message": "Группы пользователя обновлены"}
    user = (await admin.get(f"/api/users/{created['id']}/")).json()
    assert (user["is_publisher"], user["is_contributor"], user["is_observer"]) == (
        True,
        True,
        False,
    )
    assert (
        await admin.post("/api/users/999/assign-groups/", json={"group_ids": []})
    ).status_code == 404
    stats = (await admin.get("/api/users/stats/")).json()
    assert stats == {
        "total_users": 2,
        "active_users": 2,
        "staff_users": 1,
        "groups_stats": {"Administrators": 1, "Publishers": 1, "Contributors": 1, "Observers": 0},
    }


async def test_changing_the_password_ends_the_other_tokens_only(
    api: Api, admin: httpx.AsyncClient
) -> None:
    other = await api.token("admin")
    wrong = await admin.post(
        "/api/users/change-password/",
        json={
            "old_password": "not it at all",
            "new_password": NEW_PASSWORD,
            "new_password_confirm": NEW_PASSWORD,
        },
    )
    assert wrong.json() == {"old_password": ["Текущий пароль указан неверно"]}
    changed = await admin.post(
        "/api/users/change-password/",
        json={
            "old_password": PASSWORD,
            "new_password": NEW_PASSWORD,
            "new_password_confirm": NEW_PASSWORD,
        },
    )
    assert changed.json() == {"message": "Пароль изменён"}
    assert (await admin.get("/api/users/profile/")).status_code == 200
    async with api.client(other) as ended:
        assert (await ended.get("/api/users/profile/")).status_code == 401
    assert await api.token("admin", NEW_PASSWORD)


async def test_settings_keys_are_write_only_and_stored_sealed(
    api: Api, admin: httpx.AsyncClient, container: Container
) -> None:
    empty = (await admin.get("/api/users/settings/")).json()
    assert empty["gemini_api_key"] == "" and empty["instagram_access_token"] == ""
    saved = await admin.put(
        "/api/users/settings/",
        json={
            "gemini_api_key": GEMINI_KEY,
            "instagram_access_token": INSTAGRAM_KEY,
            "active_system": "prod",
            "huntflow_prod_url": "https://api.huntflow.ru",
        },
    )
    assert saved.status_code == 200, saved.text
    shown = (await admin.get("/api/users/settings/")).json()
    assert shown["gemini_api_key"] == shown["instagram_access_token"] == "***"
    assert shown["clickup_api_key"] == ""
    assert (shown["active_system"], shown["huntflow_prod_url"]) == (
        "prod",
        "https://api.huntflow.ru",
    )
    insecure = await admin.put("/api/users/settings/", json={"huntflow_prod_url": "http://x.ru"})
    assert insecure.status_code == 400
    async with container.infrastructure.engine().connect() as connection:
        rows = (await connection.execute(text("SELECT name, sealed FROM user_secrets"))).all()
    sealed = dict(rows)
    assert set(sealed) == {"gemini_api_key", "instagram_access_token"}
    assert GEMINI_KEY not in sealed["gemini_api_key"]
    assert container.infrastructure.secret_box().open(sealed["gemini_api_key"]) == GEMINI_KEY
    removed = await admin.put("/api/users/settings/", json={"gemini_api_key": ""})
    assert removed.json()["gemini_api_key"] == ""
    entries = (await admin.get("/api/audit/")).json()["results"]
    assert entries[1]["summary"] == (
        "active_system, gemini_api_key, huntflow_prod_url, instagram_access_token"
    )
    for body in api.bodies:
        assert GEMINI_KEY not in body and INSTAGRAM_KEY not in body


async def test_settings_read_and_sent_back_as_they_are_keep_the_keys(
    api: Api, admin: httpx.AsyncClient, container: Container
) -> None:
    keys = {"gemini_api_key": GEMINI_KEY, "instagram_access_token": INSTAGRAM_KEY}
    assert (await admin.put("/api/users/settings/", json=keys)).status_code == 200
    shown = (await admin.get("/api/users/settings/")).json()
    assert shown["gemini_api_key"] == "***"
    sent_back = await admin.put("/api/users/settings/", json=shown)
    assert sent_back.status_code == 200, sent_back.text
    assert sent_back.json() == shown
    me = (await admin.get("/api/users/profile/")).json()
    assert (await admin.patch(f"/api/users/{me['id']}/", json=shown)).status_code == 200
    async with container.infrastructure.engine().connect() as connection:
        rows = (await connection.execute(text("SELECT name, sealed FROM user_secrets"))).all()
    opened = {name: container.infrastructure.secret_box().open(sealed) for name, sealed in rows}
    assert opened == keys
    for body in api.bodies:
        assert GEMINI_KEY not in body and INSTAGRAM_KEY not in body


async def test_keys_given_at_creation_are_stored_and_masked(
    api: Api, admin: httpx.AsyncClient
) -> None:
    response = await admin.post("/api/users/", json=new_user("keyed", gemini_api_key=GEMINI_KEY))
    assert response.status_code == 201
    async with api.client(await api.token("keyed")) as keyed:
        assert (await keyed.get("/api/users/settings/")).json()["gemini_api_key"] == "***"
    assert all(GEMINI_KEY not in body for body in api.bodies)


async def test_the_groups_and_their_permissions(admin: httpx.AsyncClient) -> None:
    groups = (await admin.get("/api/groups/")).json()
    assert [g["name"] for g in groups] == [
        "Administrators",
        "Publishers",
        "Contributors",
        "Observers",
    ]
    observers = (await admin.get("/api/groups/4/")).json()
    assert observers == groups[3]
    view_post = next(p for p in observers["permissions"] if p["codename"] == "view_post")
    assert view_post == {
        "id": view_post["id"],
        "name": "Can view post",
        "codename": "view_post",
        "content_type": {"id": 1, "app_label": "publishing", "model": "post"},
    }
    assert (await admin.get("/api/groups/99/")).json() == {"error": "Not found."}


async def test_the_audit_log_says_who_did_what_newest_first(admin: httpx.AsyncClient) -> None:
    created = (await admin.post("/api/users/", json=new_user("audited"))).json()
    await admin.patch(f"/api/users/{created['id']}/", json={"first_name": "A", "last_name": "B"})
    await admin.post(f"/api/users/{created['id']}/assign-groups/", json={"group_ids": [3]})
    await admin.delete(f"/api/users/{created['id']}/")
    page = (await admin.get("/api/audit/")).json()
    assert page["count"] == 5 and page["next"] is None
    latest = page["results"][0]
    assert list(latest) == [
        "id",
        "at",
        "actor",
        "actor_name",
        "action",
        "resource",
        "resource_id",
        "summary",
    ]
    assert [(e["action"], e["summary"]) for e in page["results"]] == [
        ("deleted", "audited"),
        ("groups_assigned", "Contributors"),
        ("changed", "first_name, last_name"),
        ("created", "audited"),
        ("token_issued", "with a password"),  # the administrator's, to call the API
    ]
    assert (latest["actor"], latest["actor_name"], latest["resource"]) == (1, "admin", "user")
    assert (await admin.get("/api/audit/", params={"page": 2})).status_code == 404
