"""People over in-memory fakes: who may list, create, change and delete them; passwords,
settings and keys; groups; and the audit entries every change leaves."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from autopost.application.access import Actor
from autopost.application.messages import Message
from autopost.application.people.audit_listing import ListAuditEntries
from autopost.application.people.errors import (
    CannotDeleteYourself,
    InvalidUserDetails,
    PasswordsDiffer,
    PasswordTooWeak,
    UnknownGroups,
    WrongOldPassword,
)
from autopost.application.people.groups import GetGroup, ListGroups
from autopost.application.people.user_changes import (
    AssignGroups,
    CreateUser,
    NewUser,
    UpdateUser,
    UserChanges,
)
from autopost.application.people.user_settings import (
    ChangePassword,
    GetUserSettings,
    PasswordChange,
    SettingsChanges,
    UpdateUserSettings,
)
from autopost.application.people.users import DeleteUser, GetUser, ListUsers, UserStats
from autopost.application.ports.user_repository import UserQuery
from autopost.domain.access import Role
from autopost.domain.errors import NotFound, PermissionDenied, Refused, ValidationFailed
from autopost.domain.user import ApiToken, Session, User
from tests.fakes import FakeClock, FakeHasher, FakeSecretBox, InMemoryUnitOfWork, Store

PASSWORD = "a long enough passphrase"
NEW_PASSWORD = "quite another passphrase"
KEY = "AIzaSy-a-secret-gemini-key"


class World:
    def __init__(self) -> None:
        self.store = Store()
        self.clock = FakeClock()
        self.hasher = FakeHasher()
        self.box = FakeSecretBox()
        self.admin = Actor.of(None, [Role.ADMINISTRATORS], False, "admin")

    def uow(self) -> InMemoryUnitOfWork:
        return InMemoryUnitOfWork(self.store)

    def create(self) -> CreateUser:
        return CreateUser(self.uow(), self.hasher, self.box, self.clock)

    def update(self) -> UpdateUser:
        return UpdateUser(self.uow(), self.box, self.clock)

    async def user(self, username: str, **fields: Any) -> Actor:
        """A new user, and the actor they are (an Observer)."""
        view = await self.create().execute(
            self.admin,
            NewUser(
                PASSWORD,
                PASSWORD,
                UserChanges({"username": username, "email": f"{username}@example.com", **fields}),
            ),
        )
        return Actor.of(view.user.id, [Role.OBSERVERS], False, username)

    def stored(self, user_id: int | None) -> User:
        return self.store.rows["users"][user_id]  # type: ignore[no-any-return]

    def audit(self) -> list[tuple[str, str, str]]:
        entries = sorted(self.store.rows["audit"].values(), key=lambda e: e.id)
        return [(e.action, e.resource_id, e.summary) for e in entries]


@pytest.fixture
def world() -> World:
    return World()


async def test_a_new_user_is_an_observer_with_a_hashed_password_and_sealed_keys(
    world: World,
) -> None:
    view = await world.create().execute(
        world.admin,
        NewUser(
            PASSWORD,
            PASSWORD,
            UserChanges(
                {"username": "olga", "email": "olga@example.com"},
                secrets={"gemini_api_key": KEY, "clickup_api_key": ""},
            ),
        ),
    )
    assert [g.role for g in view.groups] == [Role.OBSERVERS]
    stored = world.stored(view.user.id)
    assert stored.password_hash == world.hasher.hash(PASSWORD)
    (secret,) = world.store.rows["user_secrets"].values()
    assert (secret.name, world.box.open(secret.sealed)) == ("gemini_api_key", KEY)
    assert KEY not in secret.sealed
    assert world.audit() == [("created", str(view.user.id), "olga")]


async def test_the_passwords_must_match(world: World) -> None:
    changes = UserChanges({"username": "olga", "email": "olga@example.com"})
    with pytest.raises(PasswordsDiffer):
        await world.create().execute(world.admin, NewUser(PASSWORD, PASSWORD + "!", changes))
    assert world.store.rows["users"] == {}


async def test_missing_fields_are_named_before_anything_else(world: World) -> None:
    with pytest.raises(ValidationFailed) as refused:
        await world.create().execute(world.admin, NewUser(None, "x", UserChanges()))
    assert refused.value.errors == {
        "username": [Message.FIELD_REQUIRED],
        "email": [Message.FIELD_REQUIRED],
        "password": [Message.FIELD_REQUIRED],
    }


async def test_a_weak_or_taken_one_is_refused(world: World) -> None:
    await world.user("olga")
    weak = UserChanges({"username": "petrov", "email": "petrov@example.com"})
    with pytest.raises(PasswordTooWeak) as too_weak:
        await world.create().execute(world.admin, NewUser("petrov12", "petrov12", weak))
    assert too_weak.value.messages == (Message.PASSWORD_SIMILAR_TO_USERNAME,)
    taken = UserChanges({"username": "OLGA", "email": "OLGA@example.com"})
    with pytest.raises(ValidationFailed) as refused:
        await world.create().execute(world.admin, NewUser(PASSWORD, PASSWORD, taken))
    assert refused.value.errors == {
        "username": [Message.USERNAME_TAKEN],
        "email": [Message.EMAIL_TAKEN],
    }


async def test_only_administrators_list_count_create_delete_and_assign(world: World) -> None:
    observer = await world.user("olga")
    refused_calls = [
        ListUsers(world.uow()).execute(observer, UserQuery()),
        UserStats(world.uow()).execute(observer),
        world.create().execute(observer, NewUser(PASSWORD, PASSWORD, UserChanges())),
        DeleteUser(world.uow(), world.clock).execute(observer, 999),
        AssignGroups(world.uow(), world.clock).execute(observer, observer.user_id or 0, [1]),
        GetUser(world.uow()).execute(observer, 999),
        ListAuditEntries(world.uow()).execute(observer, 20, 0),
    ]
    for call in refused_calls:
        with pytest.raises(PermissionDenied):
            await call
    assert len(world.audit()) == 1, "only the creation"


async def test_the_list_searches_and_pages(world: World) -> None:
    for name in ("anna", "boris", "anton"):
        await world.user(name)
    total, page = await ListUsers(world.uow()).execute(
        world.admin, UserQuery("an", "-username", limit=1, offset=1)
    )
    assert (total, [v.user.username for v in page]) == (2, ["anna"])
    assert [g.name for g in page[0].groups] == ["Observers"]


async def test_everyone_reads_and_changes_themselves_but_not_their_standing(
    world: World,
) -> None:
    olga = await world.user("olga")
    assert olga.user_id is not None
    view = await GetUser(world.uow()).execute(olga, olga.user_id)
    assert view.user.username == "olga"
    changed = await world.update().execute(
        olga, olga.user_id, UserChanges({"first_name": "Olga", "is_staff": False})
    )
    assert changed.user.first_name == "Olga"
    for raising in (
        UserChanges({"first_name": "X", "is_staff": True}),
        UserChanges({"is_active": False}),
        UserChanges(group_ids=[1]),
    ):
        with pytest.raises(PermissionDenied):
            await world.update().execute(olga, olga.user_id, raising)
    assert world.stored(olga.user_id).first_name == "Olga"
    assert world.audit()[-1] == ("changed", str(olga.user_id), "first_name")


async def test_an_administrator_changes_standing_and_groups(world: World) -> None:
    olga = await world.user("olga")
    assert olga.user_id is not None
    view = await world.update().execute(
        world.admin,
        olga.user_id,
        UserChanges({"is_staff": True, "email": "o@example.com"}, group_ids=[2]),
    )
    assert (view.user.is_staff, [g.name for g in view.groups]) == (True, ["Publishers"])
    assert world.audit()[-1] == ("changed", str(olga.user_id), "email, is_staff, groups")
    with pytest.raises(UnknownGroups):
        await world.update().execute(world.admin, olga.user_id, UserChanges(group_ids=[7]))


async def test_nothing_changed_leaves_no_audit_entry(world: World) -> None:
    olga = await world.user("olga")
    assert olga.user_id is not None
    await world.update().execute(olga, olga.user_id, UserChanges({"username": "olga"}))
    assert [a for a, _, _ in world.audit()] == ["created"]


async def test_nobody_deletes_themselves(world: World) -> None:
    olga = await world.user("olga")
    admin = Actor.of(999, [Role.ADMINISTRATORS], False, "root")
    with pytest.raises(CannotDeleteYourself):
        await DeleteUser(world.uow(), world.clock).execute(admin, 999)
    await DeleteUser(world.uow(), world.clock).execute(admin, olga.user_id or 0)
    assert world.store.rows["users"] == {}
    assert world.audit()[-1] == ("deleted", str(olga.user_id), "olga")
    with pytest.raises(NotFound):
        await GetUser(world.uow()).execute(admin, olga.user_id or 0)


async def test_assigning_groups_replaces_them_and_checks_they_exist(world: World) -> None:
    olga = await world.user("olga")
    assert olga.user_id is not None
    assign = AssignGroups(world.uow(), world.clock)
    with pytest.raises(UnknownGroups) as unknown:
        await assign.execute(world.admin, olga.user_id, [2, 9])
    assert unknown.value.group_ids == [9]
    await assign.execute(world.admin, olga.user_id, [3, 2])
    assert world.store.memberships[olga.user_id] == {2, 3}
    assert world.audit()[-1] == ("groups_assigned", str(olga.user_id), "Contributors, Publishers")
    stats = await UserStats(world.uow()).execute(world.admin)
    assert (stats.total_users, stats.active_users, stats.staff_users) == (1, 1, 0)
    assert stats.groups_stats == {
        "Administrators": 0,
        "Publishers": 1,
        "Contributors": 1,
        "Observers": 0,
    }


def _signed_in(world: World, user_id: int) -> None:
    """Two sessions and two API tokens of the user, ids 101/102 and 201/202."""
    now = world.clock.now()
    for n in (101, 102):
        session = Session(f"s{n}", user_id, "csrf", now, now + timedelta(days=1), id=n)
        world.store.rows["sessions"][n] = session
    for n in (201, 202):
        world.store.rows["api_tokens"][n] = ApiToken(f"t{n}", user_id, now, id=n)


async def test_changing_the_password_ends_every_other_session_and_token(world: World) -> None:
    olga = await world.user("olga")
    assert olga.user_id is not None
    _signed_in(world, olga.user_id)
    change = ChangePassword(world.uow(), world.hasher, world.clock)
    await change.execute(olga, PasswordChange(PASSWORD, NEW_PASSWORD, NEW_PASSWORD, session_id=102))
    assert world.stored(olga.user_id).password_hash == world.hasher.hash(NEW_PASSWORD)
    assert list(world.store.rows["sessions"]) == [102]
    assert world.store.rows["api_tokens"] == {}, "a session asked: every token ends"
    assert world.audit()[-1] == ("password_changed", str(olga.user_id), "")


@pytest.mark.parametrize(
    ("change", "refusal", "messages"),
    [
        (PasswordChange("wrong", NEW_PASSWORD, NEW_PASSWORD), WrongOldPassword, ()),
        (PasswordChange(PASSWORD, NEW_PASSWORD, "other"), PasswordsDiffer, ()),
        (
            PasswordChange(PASSWORD, "12345678", "12345678"),
            PasswordTooWeak,
            (Message.PASSWORD_TOO_COMMON,),
        ),
        (PasswordChange(None, None, "x"), InvalidUserDetails, (Message.FIELD_REQUIRED,)),
    ],
)
async def test_a_refused_password_change_changes_and_ends_nothing(
    world: World, change: PasswordChange, refusal: type[Refused], messages: tuple[str, ...]
) -> None:
    olga = await world.user("olga")
    assert olga.user_id is not None
    _signed_in(world, olga.user_id)
    with pytest.raises(refusal) as refused:
        await ChangePassword(world.uow(), world.hasher, world.clock).execute(olga, change)
    assert set(messages) <= set(refused.value.messages)
    assert world.stored(olga.user_id).password_hash == world.hasher.hash(PASSWORD)
    assert len(world.store.rows["sessions"]) == len(world.store.rows["api_tokens"]) == 2


async def test_a_password_change_names_the_passwords_it_misses(world: World) -> None:
    olga = await world.user("olga")
    with pytest.raises(InvalidUserDetails) as refused:
        change = PasswordChange(None, None, "x")
        await ChangePassword(world.uow(), world.hasher, world.clock).execute(olga, change)
    assert refused.value.errors == {
        "old_password": [Message.FIELD_REQUIRED],
        "new_password": [Message.FIELD_REQUIRED],
    }


async def test_settings_store_keys_sealed_and_say_only_which_are_set(world: World) -> None:
    olga = await world.user("olga")
    update = UpdateUserSettings(world.uow(), world.box, world.clock)
    view = await update.execute(
        olga,
        SettingsChanges(
            {"active_system": "prod", "huntflow_prod_url": "https://api.huntflow.ru"},
            {"gemini_api_key": KEY, "instagram_access_token": "EAAG-token"},
        ),
    )
    assert view.secrets_set == {"gemini_api_key", "instagram_access_token"}
    assert view.user.active_system == "prod"
    summary = world.audit()[-1][2]
    assert summary == "active_system, gemini_api_key, huntflow_prod_url, instagram_access_token"
    assert all(KEY not in s.sealed for s in world.store.rows["user_secrets"].values())
    await update.execute(olga, SettingsChanges(secrets={"gemini_api_key": ""}))
    shown = await GetUserSettings(world.uow()).execute(olga)
    assert shown.secrets_set == {"instagram_access_token"}
    with pytest.raises(ValidationFailed) as refused:
        await update.execute(olga, SettingsChanges({"huntflow_sandbox_url": "http://x.dev"}))
    assert list(refused.value.errors) == ["huntflow_sandbox_url"]


async def test_the_mask_sent_back_keeps_each_stored_key(world: World) -> None:
    """What reading the settings shows for a set key, sent back as it is, changes nothing."""
    olga = await world.user("olga")
    update = UpdateUserSettings(world.uow(), world.box, world.clock)
    await update.execute(olga, SettingsChanges(secrets={"gemini_api_key": KEY}))
    entries = len(world.audit())
    masked = {"gemini_api_key": "***", "clickup_api_key": "***"}
    view = await update.execute(olga, SettingsChanges(secrets=masked))
    assert view.secrets_set == {"gemini_api_key"}
    await world.update().execute(olga, olga.user_id or 0, UserChanges(secrets=masked))
    (secret,) = world.store.rows["user_secrets"].values()
    assert world.box.open(secret.sealed) == KEY
    assert len(world.audit()) == entries, "nothing changed, nothing audited"


async def test_everyone_reads_the_groups(world: World) -> None:
    olga = await world.user("olga")
    groups = await ListGroups(world.uow()).execute(olga)
    assert [g.name for g in groups] == [r.value for r in Role]
    assert (await GetGroup(world.uow()).execute(olga, 4)).role is Role.OBSERVERS
    with pytest.raises(NotFound):
        await GetGroup(world.uow()).execute(olga, 5)


async def test_administrators_read_the_audit_log_newest_first(world: World) -> None:
    await world.user("first")
    world.clock.advance(timedelta(minutes=1))
    await world.user("second")
    total, entries = await ListAuditEntries(world.uow()).execute(world.admin, 1, 0)
    assert (total, [e.summary for e in entries]) == (2, ["second"])
