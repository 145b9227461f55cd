"""Syncing an Instagram account's media, and listing them a page at a time."""

from __future__ import annotations

import random
from collections import Counter
from datetime import timedelta

from pytest_bdd import given, parsers, scenarios, then, when
from tests.harness import NOON

from autopost.application.access import SYSTEM
from autopost.application.ports.instagram_media_gateway import RemoteMedia
from autopost.application.ports.media_repository import MediaFilter
from autopost.application.ports.platform_errors import RateLimited, TransientPlatformError
from autopost.domain.instagram_media import InstagramMedia, MediaOrigin
from features.conftest import Scenario, SyncScenario, remote, run

scenarios("instagram_sync.feature")


def stored(scenario: Scenario, deleted: bool = False) -> list[InstagramMedia]:
    rows = scenario.world.store.rows["media"].values()
    return [m for m in rows if (m.deleted_at is not None) == deleted]


@given(parsers.parse("the account has {count:d} media on Instagram, among them the published post"))
def has_media_with_published(scenario: Scenario, count: int) -> None:
    (publication,) = scenario.world.store.rows["publications"].values()
    others = [remote(n) for n in range(count - 1)]
    scenario.world.media_gateway.media = [remote(999, publication.remote_id), *others]


@given("the clock reached 11:30")
def clock_reached(scenario: Scenario) -> None:
    run(scenario.world.run_until(NOON - timedelta(minutes=30)))


@when("the account is fully synced")
def fully_synced(scenario: Scenario, sync: SyncScenario) -> None:
    scenario.world.clock.advance(timedelta(minutes=1))
    sync.report = run(scenario.world.sync().execute(SYSTEM, full=True))


@given("a new media is posted on Instagram")
@when("a new media is posted on Instagram")
def new_media(scenario: Scenario) -> None:
    newest = RemoteMedia("17990000000001", "IMAGE", NOON - timedelta(hours=1), "Brand new")
    scenario.world.media_gateway.media.insert(0, newest)


@given("one of the media is deleted on Instagram")
def media_deleted(scenario: Scenario) -> None:
    scenario.world.media_gateway.media.pop(100)


@then(parsers.parse("{count:d} media are stored"))
def media_stored(scenario: Scenario, count: int) -> None:
    assert len(stored(scenario)) == count


@then(parsers.parse("{count:d} media are listed"))
def media_listed(scenario: Scenario, count: int) -> None:
    listed, cursor = 0, None
    while True:
        page = run(scenario.world.list_media().execute(SYSTEM, MediaFilter(), cursor, 100))
        listed, cursor = listed + len(page.items), page.next_cursor
        if cursor is None:
            break
    assert listed == count


@then(parsers.parse("{count:d} media is marked deleted"))
def media_marked_deleted(scenario: Scenario, sync: SyncScenario, count: int) -> None:
    assert len(stored(scenario, deleted=True)) == count
    assert sync.report is not None and sync.report.deleted == count


@then(parsers.re(r"(?P<count>\d+) pages? (was|were) read"))
def pages_read(scenario: Scenario, count: str) -> None:
    assert scenario.world.media_gateway.pages_served == int(count)


@then("nothing was new or changed")
def nothing_changed(sync: SyncScenario) -> None:
    assert sync.report is not None and sync.report.new_or_changed == 0


@then(parsers.parse("{count:d} media was new or changed"))
def some_changed(sync: SyncScenario, count: int) -> None:
    assert sync.report is not None and sync.report.new_or_changed == count


@then("the published post's media is linked to its post")
def linked(scenario: Scenario, sync: SyncScenario) -> None:
    (publication,) = scenario.world.store.rows["publications"].values()
    (media,) = [m for m in stored(scenario) if m.media_id == publication.remote_id]
    assert media.post_id == publication.post_id
    assert media.origin is MediaOrigin.PUBLISHED
    assert sync.report is not None and sync.report.linked == 1


@then(parsers.parse("{count:d} media are listed as synced"))
def listed_as_synced(scenario: Scenario, count: int) -> None:
    only_synced = MediaFilter(origin=MediaOrigin.SYNCED)
    page = run(scenario.world.list_media().execute(SYSTEM, only_synced, None, 100))
    assert len(page.items) == count


@when(parsers.parse("the first {count:d} media are listed"))
def first_listed(scenario: Scenario, sync: SyncScenario, count: int) -> None:
    page = run(scenario.world.list_media().execute(SYSTEM, MediaFilter(), None, count))
    sync.pages.append(list(page.items))
    sync.cursor = page.next_cursor


@when(parsers.parse("the next {count:d} media are listed"))
def next_listed(scenario: Scenario, sync: SyncScenario, count: int) -> None:
    page = run(scenario.world.list_media().execute(SYSTEM, MediaFilter(), sync.cursor, count))
    sync.pages.append(list(page.items))


@then(parsers.parse("the two pages hold {count:d} different media, newest first"))
def two_pages(sync: SyncScenario, count: int) -> None:
    media = [m for page in sync.pages for m in page]
    assert len({m.media_id for m in media}) == count == len(media)
    times = [m.timestamp for m in media]
    assert times == sorted(times, reverse=True)
    assert "Brand new" not in [m.caption for m in media], "a new arrival does not shift pages"


SERVER_ERROR = TransientPlatformError("Instagram had a temporary problem: HTTP 503")
RATE_LIMIT = RateLimited("Instagram is limiting requests", timedelta(minutes=5))


@given("one call to Instagram in ten fails and another is refused for a rate limit")
def flaky_instagram(scenario: Scenario) -> None:
    dice = random.Random(8)  # both kinds strike among the first calls
    outcomes: list[object] = []
    for _ in range(200):
        roll = dice.random()
        outcomes.append(SERVER_ERROR if roll < 0.1 else RATE_LIMIT if roll < 0.2 else None)
    assert SERVER_ERROR in outcomes[:30] and RATE_LIMIT in outcomes[:30]
    scenario.world.media_gateway.script["media_page"] = outcomes


@given("Instagram keeps failing after the first page")
def failing_after_first_page(scenario: Scenario) -> None:
    scenario.world.media_gateway.script["media_page"] = [None] + [SERVER_ERROR] * 50


@when("Instagram answers again")
def answers_again(scenario: Scenario) -> None:
    scenario.world.media_gateway.script.pop("media_page", None)


@then("the sync finished")
def sync_finished(sync: SyncScenario) -> None:
    assert sync.report is not None and sync.report.finished, sync.report


@then(parsers.parse("the sync stopped part way, keeping {count:d} media"))
def stopped_part_way(scenario: Scenario, sync: SyncScenario, count: int) -> None:
    assert sync.report is not None and not sync.report.finished
    assert sync.report.stopped == SERVER_ERROR.message
    assert sync.report.seen == count == len(stored(scenario))


@then("the sync finished, going on from where the last one stopped")
def finished_going_on(sync: SyncScenario) -> None:
    assert sync.report is not None and sync.report.finished and sync.report.resumed


@then(parsers.parse("{count:d} media are stored, each once"))
def stored_each_once(scenario: Scenario, count: int) -> None:
    media_ids = Counter(m.media_id for m in scenario.world.store.rows["media"].values())
    assert len(media_ids) == count and set(media_ids.values()) == {1}


@then("calls that failed were tried again after a pause")
def tried_again(scenario: Scenario, sync: SyncScenario) -> None:
    assert sync.report is not None and sync.report.retries > 0
    assert RATE_LIMIT.retry_after in scenario.world.pause.waits
