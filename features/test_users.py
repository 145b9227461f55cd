"""People and their roles, over the real use cases and in-memory fakes. People and posts share
one store: a person acts on posts through the posts' use cases (the features' ``Harness``),
with the roles their stored groups give them, as a signed-in request would."""

from __future__ import annotations

from datetime import timedelta

import pytest
from pytest_bdd import given, parsers, scenarios, then, when
from tests.fakes import FakeHasher, InMemoryUnitOfWork
from tests.harness import ACCOUNT, Harness

from autopost.adapters.http.user_json import settings_json
from autopost.application.access import Actor
from autopost.application.integrations.credentials import ConnectAccount, SaveCredential
from autopost.application.messages import translated
from autopost.application.people.accounts import CreateSuperuser, actor_for
from autopost.application.people.audit_listing import ListAuditEntries
from autopost.application.people.user_changes import (
    AssignGroups,
    CreateUser,
    NewUser,
    UserChanges,
)
from autopost.application.people.user_settings import (
    ChangePassword,
    GetUserSettings,
    PasswordChange,
    SettingsChanges,
    UpdateUserSettings,
)
from autopost.application.people.users import ListUsers
from autopost.application.ports.user_repository import UserQuery
from autopost.application.posting.posts import ListPostsUseCase
from autopost.domain.access import ROLE_IDS, Role
from autopost.domain.errors import DomainError, PermissionDenied, Refused
from autopost.domain.post import Platform
from autopost.domain.publication import PublicationStatus
from autopost.domain.user import ApiToken, Session
from features.conftest import run

scenarios("users.feature")

PASSWORD = "a long enough passphrase"
LAPTOP, PHONE, API_TOKEN = 1001, 1002, 2001


class People:
    def __init__(self) -> None:
        self.posts = Harness()
        self.store = self.posts.store
        self.clock = self.posts.clock
        self.box = self.posts.box
        self.hasher = FakeHasher()
        self.admin: Actor | None = None
        self.refusal: DomainError | None = None
        self.key = ""
        self.post_id: int | None = None

    def uow(self) -> InMemoryUnitOfWork:
        return InMemoryUnitOfWork(self.store)

    @property
    def administrator(self) -> Actor:
        assert self.admin is not None
        return self.admin

    def actor(self, username: str) -> Actor:
        async def find() -> Actor:
            async with self.uow() as uow:
                user = await uow.users.by_login(username)
                assert user is not None, f"no user {username}"
                return await actor_for(uow, user)

        return run(find())

    def acting_as(self, actor: Actor) -> Harness:
        """The posts' use cases, started by ``actor``."""
        self.posts.actor = actor
        return self.posts

    @property
    def post(self) -> int:
        assert self.post_id is not None, "no post was scheduled"
        return self.post_id

    def add(self, username: str, password: str, confirm: str) -> None:
        changes = UserChanges({"username": username, "email": f"{username}@example.com"})
        try:
            run(
                CreateUser(self.uow(), self.hasher, self.box, self.clock).execute(
                    self.administrator, NewUser(password, confirm, changes)
                )
            )
        except Refused as refused:
            self.refusal = refused


@pytest.fixture
def people() -> People:
    return People()


@given("an administrator is signed in")
def administrator(people: People) -> None:
    admin = run(
        CreateSuperuser(people.uow(), people.hasher, people.clock).execute(
            "root", "root@example.com", PASSWORD
        )
    )
    assert admin.id is not None
    people.admin = people.actor("root")


@when(parsers.parse('the administrator adds "{username}" with a good password typed twice'))
@given(parsers.parse('"{username}" is a user'))
def add_user(people: People, username: str) -> None:
    people.add(username, PASSWORD, PASSWORD)
    assert people.refusal is None


@when(parsers.parse('the administrator adds "{username}" with two different passwords'))
def add_with_different_passwords(people: People, username: str) -> None:
    people.add(username, PASSWORD, PASSWORD + " but not quite")


@when(parsers.parse('the administrator adds "{username}" with the password "{password}"'))
def add_with_password(people: People, username: str, password: str) -> None:
    people.add(username, password, password)


@then(parsers.parse('"{username}" is an Observer'))
def is_observer(people: People, username: str) -> None:
    assert people.actor(username).roles == {Role.OBSERVERS}


@given("the administrator has scheduled a post")
def administrator_scheduled(people: People) -> None:
    admin = people.administrator
    connect = ConnectAccount(Platform.INSTAGRAM, ACCOUNT, "EAAG-feature-token")
    run(
        SaveCredential(
            people.uow(), people.box, people.clock, people.posts.pinterest_policy
        ).execute(admin, connect)
    )
    view = run(people.acting_as(admin).schedule(token=None))
    people.post_id = view.post.id


@then(parsers.parse('"{username}" may read posts but not change them'))
def reads_only(people: People, username: str) -> None:
    posts = people.acting_as(people.actor(username))
    assert run(posts.get(people.post)).post.content.caption == "Hello"
    listed = run(ListPostsUseCase(posts.uow(), posts.clock).execute(posts.actor, 20, 0))
    assert [view.post.id for view in listed] == [people.post]
    for change in (
        posts.schedule(token=None),
        posts.edit(people.post, caption="Olga's words"),
        posts.cancel(people.post),
    ):
        with pytest.raises(PermissionDenied):
            run(change)
    untouched = run(posts.get(people.post))
    assert untouched.post.content.caption == "Hello"
    assert untouched.publication.status is PublicationStatus.SCHEDULED
    assert list(people.store.rows["posts"]) == [people.post]


def reasons(people: People, language: str) -> list[str]:
    """Why the addition was refused, as a client asking for ``language`` reads it."""
    assert isinstance(people.refusal, Refused)
    return [translated(m, language) for m in people.refusal.messages]


@then(parsers.parse('the addition is refused because "{message}"'))
def addition_refused(people: People, message: str) -> None:
    assert message in reasons(people, "ru")


@then(parsers.parse('in English the reason reads "{message}"'))
def refused_in_english(people: People, message: str) -> None:
    assert message in reasons(people, "en")


@then(parsers.parse('there is no user "{username}"'))
def no_user(people: People, username: str) -> None:
    assert username not in [u.username for u in people.store.rows["users"].values()]


@given(parsers.parse('"{username}" is signed in on a laptop, a phone and with an API token'))
def signed_in_thrice(people: People, username: str) -> None:
    people.add(username, PASSWORD, PASSWORD)
    user_id = people.actor(username).user_id
    assert user_id is not None
    now = people.clock.now()
    for session_id in (LAPTOP, PHONE):
        people.store.rows["sessions"][session_id] = Session(
            f"digest-{session_id}", user_id, "csrf", now, now + timedelta(days=14), id=session_id
        )
    people.store.rows["api_tokens"][API_TOKEN] = ApiToken("digest", user_id, now, id=API_TOKEN)


@when(parsers.parse('"{username}" changes her password on the laptop'))
def change_password(people: People, username: str) -> None:
    new = "a brand new passphrase"
    run(
        ChangePassword(people.uow(), people.hasher, people.clock).execute(
            people.actor(username), PasswordChange(PASSWORD, new, new, session_id=LAPTOP)
        )
    )


@then(parsers.parse('"{username}" is still signed in on the laptop'))
def still_on_laptop(people: People, username: str) -> None:
    assert LAPTOP in people.store.rows["sessions"]


@then("the phone and the API token are signed out")
def others_signed_out(people: People) -> None:
    assert PHONE not in people.store.rows["sessions"]
    assert people.store.rows["api_tokens"] == {}


def audit_log(people: People) -> list[tuple[str, str, str]]:
    _, entries = run(ListAuditEntries(people.uow()).execute(people.administrator, 100, 0))
    return [(e.actor_name, e.action, e.summary) for e in entries]


@then(parsers.parse('the administrator sees that "{username}" changed her password'))
def audited_password(people: People, username: str) -> None:
    assert audit_log(people)[0] == (username, "password_changed", "")


@when(parsers.parse('"{username}" saves the Gemini key "{key}"'))
def save_key(people: People, username: str, key: str) -> None:
    people.key = key
    run(
        UpdateUserSettings(people.uow(), people.box, people.clock).execute(
            people.actor(username), SettingsChanges(secrets={"gemini_api_key": key})
        )
    )


@then(parsers.parse('her settings show the Gemini key as "{mask}"'))
def key_masked(people: People, mask: str) -> None:
    olga = people.actor("olga")
    view = run(GetUserSettings(people.uow()).execute(olga))
    shown = settings_json(view.user, view.secrets_set).model_dump(mode="json")
    assert (shown["gemini_api_key"], shown["clickup_api_key"]) == (mask, "")
    assert people.key not in repr(shown) and people.key not in repr(view)


@then("the key is stored encrypted")
def key_sealed(people: People) -> None:
    (secret,) = people.store.rows["user_secrets"].values()
    assert people.key not in secret.sealed
    assert people.box.open(secret.sealed) == people.key


@then("the administrator's audit log names the Gemini key but not its value")
def audit_without_value(people: People) -> None:
    entries = audit_log(people)
    assert entries[0] == ("olga", "settings_changed", "gemini_api_key")
    assert people.key not in repr(entries)


@when(parsers.parse('the administrator makes "{username}" a Publisher'))
def make_publisher(people: People, username: str) -> None:
    user_id = people.actor(username).user_id
    assert user_id is not None
    run(
        AssignGroups(people.uow(), people.clock).execute(
            people.administrator, user_id, [ROLE_IDS[Role.PUBLISHERS]]
        )
    )


@then(parsers.parse('"{username}" may change any post'))
def may_change_posts(people: People, username: str) -> None:
    publisher = people.actor(username)
    assert publisher.roles == {Role.PUBLISHERS}
    posts = people.acting_as(publisher)
    assert run(posts.get(people.post)).post.owner_id == people.administrator.user_id
    run(posts.edit(people.post, caption="Olga's words"))
    assert run(posts.get(people.post)).post.content.caption == "Olga's words"


@when(parsers.parse('"{username}" asks for the list of users'))
def list_users(people: People, username: str) -> None:
    try:
        run(ListUsers(people.uow()).execute(people.actor(username), UserQuery()))
    except PermissionDenied as refused:
        people.refusal = refused


@then("she is refused")
def refused(people: People) -> None:
    assert isinstance(people.refusal, PermissionDenied)
