"""Webhook URLs reach only public addresses over https, unless private ones are allowed."""

from __future__ import annotations

import ipaddress

import pytest

from autopost.domain.webhook_addresses import (
    AddressRefused,
    check_resolved,
    is_public,
    target_of,
)

pytestmark = pytest.mark.unit

NOT_PUBLIC = [
    "127.0.0.1",
    "10.1.2.3",
    "172.16.0.1",
    "192.168.1.1",
    "169.254.169.254",  # the cloud's metadata service
    "100.64.0.1",  # carrier-grade NAT
    "0.0.0.0",  # noqa: S104
    "224.0.0.1",
    "240.0.0.1",
    "::1",
    "fe80::1",
    "fc00::1",
    "::ffff:127.0.0.1",  # IPv4 mapped into IPv6
    "::ffff:10.0.0.1",
    "2002:7f00:1::",  # 6to4 of 127.0.0.1
    "64:ff9b::a00:1",  # NAT64 of 10.0.0.1
]


@pytest.mark.parametrize("address", NOT_PUBLIC)
def test_private_loopback_link_local_and_reserved_addresses_are_not_public(address: str) -> None:
    assert not is_public(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"])
def test_public_addresses_are_public(address: str) -> None:
    assert is_public(ipaddress.ip_address(address))


@pytest.mark.parametrize(
    "url",
    [
        "http://hooks.example.com/",  # not https
        "ftp://hooks.example.com/",
        "https://127.0.0.1/hook",
        "https://[::1]/hook",
        "https://169.254.169.254/latest/meta-data/",
        "https://localhost/hook",
        "https://user:pass@hooks.example.com/",
        "https:///nohost",
    ],
)
def test_a_url_that_could_reach_inside_is_refused(url: str) -> None:
    with pytest.raises(AddressRefused):
        target_of(url, allow_private=False)


def test_a_public_https_url_is_taken_apart() -> None:
    target = target_of("https://Hooks.Example.com:8443/x?y=1", allow_private=False)
    assert (target.scheme, target.host, target.port) == ("https", "hooks.example.com", 8443)


def test_with_private_addresses_allowed_loopback_and_http_are_taken() -> None:
    target = target_of("http://127.0.0.1:8080/hook", allow_private=True)
    assert (target.host, target.port) == ("127.0.0.1", 8080)


def test_a_name_resolving_to_any_private_address_is_refused() -> None:
    public, private = ipaddress.ip_address("93.184.216.34"), ipaddress.ip_address("10.0.0.7")
    check_resolved([public], allow_private=False)
    with pytest.raises(AddressRefused, match=r"10\.0\.0\.7"):
        check_resolved([public, private], allow_private=False)
    check_resolved([private], allow_private=True)
    with pytest.raises(AddressRefused):
        check_resolved([], allow_private=False)
