"""A signed link opens its file until its second, and nothing else does."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from autopost.domain.media_links import link_key, link_opens, link_signature

KEY = link_key("the instance's secret")
NOW = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)
EXPIRES = int((NOW + timedelta(hours=1)).timestamp())


def test_a_link_opens_until_it_expires() -> None:
    signature = link_signature(KEY, 42, EXPIRES)
    assert link_opens(KEY, 42, EXPIRES, signature, NOW)
    assert not link_opens(KEY, 42, EXPIRES, signature, NOW + timedelta(hours=1))


def test_changing_the_item_or_the_expiry_breaks_the_signature() -> None:
    signature = link_signature(KEY, 42, EXPIRES)
    assert not link_opens(KEY, 43, EXPIRES, signature, NOW)
    assert not link_opens(KEY, 42, EXPIRES + 3600, signature, NOW)
    assert not link_opens(KEY, 42, EXPIRES, signature[:-1] + "A", NOW)
    assert not link_opens(KEY, 42, EXPIRES, "", NOW)


def test_another_instance_s_links_do_not_open_here() -> None:
    theirs = link_signature(link_key("another secret"), 42, EXPIRES)
    assert not link_opens(KEY, 42, EXPIRES, theirs, NOW)


def test_the_key_is_not_the_secret_and_the_signature_shows_neither() -> None:
    secret = "the instance's secret"
    signature = link_signature(KEY, 42, EXPIRES)
    assert secret.encode() not in KEY
    assert secret not in signature
    assert KEY.hex() not in signature
    assert len(signature) == 43  # SHA-256, URL-safe base64 without padding


def test_text_that_is_no_signature_is_refused_not_an_error() -> None:
    assert not link_opens(KEY, 42, EXPIRES, "é\ud800", NOW)
