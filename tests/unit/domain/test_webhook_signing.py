"""Deliveries are signed as the Standard Webhooks specification says: checked against a
receiver written with the ``standardwebhooks`` library, not with our signer."""

from __future__ import annotations

import base64
import time
from datetime import UTC, datetime

import pytest
from standardwebhooks import Webhook, WebhookVerificationError

from autopost.domain.events import EventType, new_event, new_event_id
from autopost.domain.webhook_signing import SECRET_PREFIX, headers, new_secret, signature

pytestmark = pytest.mark.unit


def test_a_secret_is_whsec_and_the_base64_of_at_least_24_random_bytes() -> None:
    secret = new_secret()
    assert secret.startswith(SECRET_PREFIX)
    assert len(base64.b64decode(secret.removeprefix(SECRET_PREFIX))) >= 24
    assert new_secret() != secret


def test_the_signature_of_the_specifications_example() -> None:
    # The example of the Standard Webhooks reference implementations' tests.
    secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    body = b'{"test": 2432232314}'
    assert (
        signature(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body)
        == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
    )


def test_a_receiver_using_the_standardwebhooks_library_verifies_a_delivery() -> None:
    secret = new_secret()
    event = new_event(EventType.PUBLICATION_PUBLISHED, datetime.now(UTC), {"post_id": 1})
    body = b'{"type":"publication.published","timestamp":"2030-01-01T00:00:00Z","data":{}}'
    sent = headers(secret, event.id, int(time.time()), body)
    assert Webhook(secret).verify(body, sent) == {
        "type": "publication.published",
        "timestamp": "2030-01-01T00:00:00Z",
        "data": {},
    }


def test_a_tampered_body_or_another_secret_is_refused_by_the_receiver() -> None:
    secret = new_secret()
    body = b'{"type":"post.scheduled"}'
    sent = headers(secret, "evt_1", int(time.time()), body)
    with pytest.raises(WebhookVerificationError):
        Webhook(secret).verify(b'{"type":"post.cancelled"}', sent)
    with pytest.raises(WebhookVerificationError):
        Webhook(new_secret()).verify(body, sent)


def test_event_ids_are_unique_sortable_by_time_and_hold_no_dot() -> None:
    early, late = datetime(2030, 1, 1, tzinfo=UTC), datetime(2030, 1, 2, tzinfo=UTC)
    ids = {new_event_id(early) for _ in range(1000)}
    assert len(ids) == 1000
    assert all(i.startswith("evt_") and len(i) == 30 and "." not in i for i in ids)
    assert max(ids) < new_event_id(late)
