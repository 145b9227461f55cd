"""A weekly series lived through a month on Autopost's real container and database, publishing
to `autopost sandbox` in process: its occurrences made ahead by the periodic job as the weeks go
by, each published once, at 09:00 in Berlin on both sides of the change to summer time."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from publishing_world import PublishingWorld

from autopost.application.access import SYSTEM
from autopost.application.posting.posts import SchedulePost
from autopost.application.posting.series import ScheduleSeries
from autopost.domain.post import ContentType, InstagramContent
from autopost.domain.publication import PublicationStatus
from autopost.domain.recurrence import recurrence

pytestmark = pytest.mark.integration

BERLIN = ZoneInfo("Europe/Berlin")
# Monday 15 March 2027; summer time starts in Berlin on Sunday 28 March.
MONDAY = datetime(2027, 3, 15, 9, 0, tzinfo=BERLIN)
MONTH_LATER = datetime(2027, 4, 15, 12, 0, tzinfo=UTC)


@pytest.fixture
async def world(tmp_path: Path, database_url: str) -> AsyncIterator[PublishingWorld]:
    built = await PublishingWorld(tmp_path, database_url).open()
    built.clock.set(datetime(2027, 3, 14, 12, 0, tzinfo=UTC))
    yield built
    await built.close()


async def test_a_weekly_series_across_a_month_publishes_each_occurrence_once(
    world: PublishingWorld,
) -> None:
    await world.connect()
    rule = recurrence(
        MONDAY.astimezone(UTC),
        "Europe/Berlin",
        "weekly",
        weekdays=["mon", "thu"],
        until=datetime(2027, 4, 30, tzinfo=UTC),
    )
    command = ScheduleSeries(
        SchedulePost(
            content=InstagramContent(
                content_type=ContentType.PHOTO,
                url="https://cdn.example.com/tip.jpg",
                caption="Twice a week",
            ),
            date_pub=rule.start,
            credential_id=world.credential_id,
        ),
        rule,
    )
    posting = world.container.posting
    scheduled = await posting.schedule_series().execute(SYSTEM, command)
    series_id = scheduled.series.id
    assert series_id is not None

    # A day at a time, as a worker lives it: publishing as things come due, and the periodic
    # job making the occurrences that came within the horizon (run twice: idempotent).
    # The sweep runs every five minutes around 09:00 in Berlin (07:00 or 08:00 UTC), and
    # rarely otherwise: a worker's every two seconds would make a month of this slow.
    day = world.clock.now().replace(hour=0, minute=0)
    while day < MONTH_LATER:
        day += timedelta(days=1)
        await world.run_until(day + timedelta(hours=6, minutes=30), sweep_every=timedelta(days=1))
        await world.run_until(
            day + timedelta(hours=8, minutes=30), sweep_every=timedelta(minutes=5)
        )
        await world.run_until(day + timedelta(hours=12), sweep_every=timedelta(days=1))
        await posting.materialise_series().execute()
        await posting.materialise_series().execute()

    async with world.container.infrastructure.uow() as uow:
        posts = await uow.series.occurrences(series_id)
        publications = await uow.publications.for_posts([p.id for p in posts if p.id])
    done = sorted(
        (p for p in publications if p.publish_at <= MONTH_LATER), key=lambda p: p.publish_at
    )
    local = [p.publish_at.astimezone(BERLIN) for p in done]
    # Mondays and Thursdays from 15 March to 15 April: ten times, each at 09:00 in Berlin.
    assert [(t.strftime("%a %d %b"), t.hour) for t in local] == [
        (f"{day}", 9)
        for day in (
            "Mon 15 Mar",
            "Thu 18 Mar",
            "Mon 22 Mar",
            "Thu 25 Mar",
            "Mon 29 Mar",
            "Thu 01 Apr",
            "Mon 05 Apr",
            "Thu 08 Apr",
            "Mon 12 Apr",
            "Thu 15 Apr",
        )
    ]
    assert all(p.status is PublicationStatus.PUBLISHED for p in done)
    lateness = [p.published_at - p.publish_at for p in done if p.published_at]
    assert len(lateness) == len(done) and max(lateness) < timedelta(seconds=5)  # on time
    # Each once on Instagram: one media per occurrence, none twice.
    published = world.published()
    assert len(published) == len(done) == len({p.remote_id for p in done})
    # Still made a horizon ahead, and nothing more.
    ahead = [p for p in publications if p.publish_at > MONTH_LATER]
    assert ahead and all(p.status is PublicationStatus.SCHEDULED for p in ahead)
    assert max(p.publish_at for p in ahead) <= MONTH_LATER + timedelta(weeks=4, days=1)
