import pytest

from autopost.application.access import SYSTEM, Actor
from autopost.application.integrations.errors import HuntflowAddressUnknown
from autopost.application.integrations.integration_keys import INTEGRATIONS, SAVED_KEYS, KeyVerdict
from autopost.application.messages import Message
from autopost.application.ports.integration_key_checker import KeyOptions
from autopost.domain.access import Role
from autopost.domain.errors import NotFound, PermissionDenied
from autopost.domain.user import SECRET_SETTINGS, System
from tests.key_test_world import HUNTFLOW_URLS, KeyTestWorld

KEY = "AIzaSy-the-users-gemini-key"


@pytest.fixture
def world() -> KeyTestWorld:
    return KeyTestWorld()


@pytest.mark.parametrize("role", list(Role))
async def test_every_role_may_test_a_key(world: KeyTestWorld, role: Role) -> None:
    world.checkers["gemini"].good.add(KEY)
    actor = await world.person(role)

    result = await world.test_key(actor, "gemini", KEY)

    assert result.success and result.verdict is KeyVerdict.VALID
    assert result.message == Message.KEY_VALID


async def test_a_given_key_is_the_one_checked(world: KeyTestWorld) -> None:
    actor = await world.person()
    await world.save_key(actor, "gemini_api_key", "the-saved-one")

    await world.test_key(actor, "gemini", KEY)

    assert [key for key, _ in world.checkers["gemini"].asked] == [KEY]


@pytest.mark.parametrize("given", [None, "", "   "])
async def test_the_saved_key_is_checked_when_none_is_given(
    world: KeyTestWorld, given: str | None
) -> None:
    world.checkers["notion"].good.add("secret_saved")
    actor = await world.person()
    await world.save_key(actor, "notion_integration_token", "secret_saved")

    result = await world.test_key(actor, "notion", given)

    assert result.success and result.message == Message.NOTION_KEY_VALID
    assert [key for key, _ in world.checkers["notion"].asked] == ["secret_saved"]


async def test_another_users_saved_key_is_not_used(world: KeyTestWorld) -> None:
    owner = await world.person()
    await world.save_key(owner, "clickup_api_key", "pk_owners")
    other = await world.person()

    result = await world.test_key(other, "clickup")

    assert result.verdict is KeyVerdict.MISSING
    assert world.checkers["clickup"].asked == []


async def test_no_key_given_and_none_saved_says_so_without_asking(world: KeyTestWorld) -> None:
    actor = await world.person()

    result = await world.test_key(actor, "clickup")

    assert not result.success and result.verdict is KeyVerdict.MISSING
    assert result.message == Message.KEY_MISSING == "Ключ API не передан"
    assert world.checkers["clickup"].asked == []


async def test_a_refused_key_is_invalid_and_an_absent_service_is_unreachable(
    world: KeyTestWorld,
) -> None:
    actor = await world.person()
    refused = await world.test_key(actor, "pinterest", "pina_wrong")
    world.checkers["pinterest"].down = True
    unreachable = await world.test_key(actor, "pinterest", "pina_wrong")

    assert (refused.verdict, refused.message) == (KeyVerdict.INVALID, Message.KEY_INVALID)
    assert (unreachable.verdict, unreachable.message) == (
        KeyVerdict.UNREACHABLE,
        Message.SERVICE_UNREACHABLE,
    )


async def test_an_unknown_integration_is_not_found(world: KeyTestWorld) -> None:
    actor = await world.person()
    with pytest.raises(NotFound):
        await world.test_key(actor, "myspace", KEY)


async def test_someone_not_signed_in_may_not_test_keys(world: KeyTestWorld) -> None:
    with pytest.raises(PermissionDenied):
        await world.test_key(SYSTEM, "gemini", KEY)
    with pytest.raises(PermissionDenied):
        await world.test_key(Actor.of(None, [Role.ADMINISTRATORS], False), "gemini", KEY)


async def test_a_user_in_no_role_may_not_test_keys(world: KeyTestWorld) -> None:
    actor = await world.person()
    roleless = Actor.of(actor.user_id, [], False)
    with pytest.raises(PermissionDenied):
        await world.test_key(roleless, "gemini", KEY)


@pytest.mark.parametrize(
    ("system", "saved_name", "message"),
    [
        (System.PROD, "huntflow_prod_api_key", Message.HUNTFLOW_PROD_KEY_VALID),
        (System.SANDBOX, "huntflow_sandbox_api_key", Message.HUNTFLOW_SANDBOX_KEY_VALID),
    ],
)
async def test_huntflow_uses_the_saved_key_and_the_configured_address_of_the_system(
    world: KeyTestWorld, system: System, saved_name: str, message: Message
) -> None:
    world.checkers["huntflow"].good.add("hf_saved")
    actor = await world.person()
    await world.save_key(actor, saved_name, "hf_saved")

    result = await world.test_key(actor, "huntflow", options=KeyOptions(system=system))

    assert result.success and result.message == message
    ((key, options),) = world.checkers["huntflow"].asked
    assert key == "hf_saved"
    assert options == KeyOptions(HUNTFLOW_URLS[system], system)


async def test_huntflow_without_a_system_uses_the_users_active_one(world: KeyTestWorld) -> None:
    actor = await world.person(active_system="sandbox")

    await world.test_key(actor, "huntflow", "hf_key")

    ((_, options),) = world.checkers["huntflow"].asked
    assert options == KeyOptions(HUNTFLOW_URLS[System.SANDBOX], System.SANDBOX)


@pytest.mark.parametrize(
    ("url", "system"),
    [
        ("https://prod.huntflow.example", System.PROD),
        ("HTTPS://Prod.Huntflow.Example/", System.PROD),
        (" https://prod.huntflow.example/v2/ ", System.PROD),
        ("https://sandbox.huntflow.example", System.SANDBOX),
    ],
)
async def test_a_configured_huntflow_address_is_taken_however_it_is_spelt(
    world: KeyTestWorld, url: str, system: System
) -> None:
    actor = await world.person()
    await world.test_key(actor, "huntflow", "hf_key", KeyOptions(url))
    assert world.checkers["huntflow"].asked[0][1].api_url == HUNTFLOW_URLS[system]


async def test_a_huntflow_address_given_wins_over_the_saved_one(world: KeyTestWorld) -> None:
    actor = await world.person(huntflow_prod_url="https://prod.huntflow.example")
    options = KeyOptions("https://sandbox.huntflow.example", System.PROD)

    await world.test_key(actor, "huntflow", "hf_key", options)

    assert world.checkers["huntflow"].asked[0][1].api_url == "https://sandbox.huntflow.example"


@pytest.mark.parametrize(
    "url",
    [
        "https://huntflow.attacker.example",
        "https://prod.huntflow.example.attacker.example",
        "https://prod.huntflow.example@attacker.example",
        "https://attacker.example/?https://prod.huntflow.example",
        "https://prod.huntflow.example:8443",
        "https://prod.huntflow.example/elsewhere",
        "http://prod.huntflow.example",
        "http://10.0.0.1/",
        "HTTP://169.254.169.254/",
        "api.huntflow.ru",
        "https://",
        "https://prod.huntflow.example/a\nb",
    ],
)
async def test_a_huntflow_address_other_than_the_configured_ones_is_refused(
    world: KeyTestWorld, url: str
) -> None:
    actor = await world.person()
    await world.save_key(actor, "huntflow_prod_api_key", "hf_saved")
    with pytest.raises(HuntflowAddressUnknown) as refused:
        await world.test_key(actor, "huntflow", None, KeyOptions(url, System.PROD))
    assert refused.value.messages == (Message.HUNTFLOW_ADDRESS_UNKNOWN,)
    assert world.checkers["huntflow"].asked == []


async def test_a_saved_huntflow_address_elsewhere_is_refused_too(world: KeyTestWorld) -> None:
    actor = await world.person(huntflow_prod_url="https://huntflow.attacker.example")
    await world.save_key(actor, "huntflow_prod_api_key", "hf_saved")
    with pytest.raises(HuntflowAddressUnknown) as refused:
        await world.test_key(actor, "huntflow", None, KeyOptions(system=System.PROD))
    assert refused.value.messages == (Message.HUNTFLOW_ADDRESS_UNKNOWN,)
    assert world.checkers["huntflow"].asked == []


async def test_other_services_never_get_an_address_from_the_request(world: KeyTestWorld) -> None:
    actor = await world.person()

    await world.test_key(actor, "notion", "secret_x", KeyOptions("http://169.254.169.254/"))

    assert world.checkers["notion"].asked[0][1].api_url == ""


@pytest.mark.parametrize("verdict", ["valid", "invalid", "unreachable", "missing"])
async def test_the_key_is_never_in_the_result(world: KeyTestWorld, verdict: str) -> None:
    key = "secret_never-shown-0123456789"
    actor = await world.person()
    if verdict != "missing":
        await world.save_key(actor, "notion_integration_token", key)
    world.checkers["notion"].good.add(key if verdict == "valid" else "")
    world.checkers["notion"].down = verdict == "unreachable"

    result = await world.test_key(actor, "notion")

    assert result.verdict == verdict
    assert key not in repr(result)
    assert key[::-1] not in repr(result)  # nor the sealed one


def test_every_saved_key_is_one_of_the_secret_settings() -> None:
    names = {name.format(system=s.value) for name in SAVED_KEYS.values() for s in System}
    assert names <= set(SECRET_SETTINGS)
    assert len(names) == len(INTEGRATIONS) + 1  # Huntflow's two
