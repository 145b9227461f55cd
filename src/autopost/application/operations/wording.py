"""The database's, the broker's and the media storage's states as checks, in words an
operator acts on."""

from __future__ import annotations

from autopost.application.ports.broker_probe import BrokerState
from autopost.application.ports.database_probe import DatabaseState
from autopost.application.ports.media_storage_probe import StorageState
from autopost.domain.readiness import Check


def database_check(state: DatabaseState) -> Check:
    facts: dict[str, object] = {
        "kind": state.kind,
        "reachable": state.reachable,
        "revision": state.revision,
        "newest": state.newest,
    }
    if not state.reachable:
        return Check(
            "database",
            False,
            f"does not answer ({state.error}): check AUTOPOST_DATABASE_URL and that the "
            "database server runs",
            facts,
        )
    if not state.migrated:
        return Check(
            "database",
            False,
            f"at schema revision {state.revision or 'none'}, this version needs "
            f"{state.newest}: run `autopost migrate`",
            facts,
        )
    return Check("database", True, f"{state.kind}, schema at revision {state.revision}", facts)


def broker_check(state: BrokerState) -> Check:
    facts: dict[str, object] = {
        "kind": state.kind,
        "reachable": state.reachable,
        "waiting": state.waiting,
    }
    if not state.reachable:
        return Check(
            "broker",
            False,
            f"{state.kind} does not answer ({state.error}): check AUTOPOST_BROKER_URL and "
            f"that {state.kind} runs",
            facts,
        )
    if state.kind == "embedded":
        return Check("broker", True, "embedded, in this process", facts)
    return Check("broker", True, f"{state.kind} answers", facts)


def storage_check(state: StorageState) -> Check:
    facts: dict[str, object] = {
        "kind": state.kind,
        "where": state.where,
        "reachable": state.reachable,
    }
    if state.kind == "s3":
        if not state.reachable:
            return Check(
                "media storage",
                False,
                f"the bucket {state.where} does not answer ({state.error}): check "
                "AUTOPOST_MEDIA_S3_BUCKET, AUTOPOST_MEDIA_S3_ENDPOINT_URL and the key "
                "(AUTOPOST_MEDIA_S3_ACCESS_KEY_ID)",
                facts,
            )
        return Check("media storage", True, f"the bucket {state.where} answers", facts)
    if not state.reachable:
        return Check(
            "media storage",
            False,
            f"{state.error}: check AUTOPOST_MEDIA_DIR and its owner",
            facts,
        )
    return Check("media storage", True, f"on the disk, in {state.where}", facts)
