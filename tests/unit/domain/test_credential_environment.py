"""What a credential's ``environment`` means is its platform's."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from autopost.domain.credential import Credential, InstagramLogin, PinterestEnvironment
from autopost.domain.platform import Platform

NOW = datetime(2026, 12, 1, tzinfo=UTC)


def credential(platform: str, environment: str) -> Credential:
    return Credential(platform, "1", "sealed", NOW, environment=environment)


def test_a_credentials_platform_is_the_platform_enum_whatever_it_was_given_as() -> None:
    assert credential("instagram", "facebook").platform is Platform.INSTAGRAM


@pytest.mark.parametrize(
    ("stored", "login"),
    [
        ("instagram", InstagramLogin.INSTAGRAM),
        ("facebook", InstagramLogin.FACEBOOK),
        # A token given by hand is kept as "production": it is a Facebook Login token.
        ("production", InstagramLogin.FACEBOOK),
    ],
)
def test_an_instagram_accounts_environment_is_the_login_it_was_connected_with(
    stored: str, login: InstagramLogin
) -> None:
    assert credential("instagram", stored).instagram_login is login


@pytest.mark.parametrize("environment", list(PinterestEnvironment))
def test_a_pinterest_accounts_environment_is_pinterests(
    environment: PinterestEnvironment,
) -> None:
    assert credential("pinterest", environment.value).pinterest_environment is environment
