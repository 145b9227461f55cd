import re

import pytest
from pytest_bdd import given, parsers, scenarios, then, when
from tests.series_harness import Series

from autopost.application.posting.series import ScheduledSeries
from autopost.domain.errors import DomainError
from autopost.domain.publication import PublicationStatus
from autopost.domain.recurrence import recurrence
from features.conftest import Scenario, at, run

scenarios("recurring_posts.feature")

WEEKLY = r"every week at (?P<time>[\d:]+) for (?P<weeks>\d+) weeks"


@pytest.fixture
def series(scenario: Scenario) -> Series:
    return Series(scenario.world)


class Planned:
    scheduled: ScheduledSeries | None = None

    @property
    def id(self) -> int:
        assert self.scheduled is not None and self.scheduled.series.id is not None
        return self.scheduled.series.id


@pytest.fixture
def planned() -> Planned:
    return Planned()


def _times(text: str) -> list[str]:
    return [t.strip() for t in re.split(r",| and ", text) if t.strip()]


def _weekly(series: Series, planned: Planned, time: str, weeks: int, caption: str) -> None:
    rule = recurrence(at(time), "Europe/Berlin", "weekly", count=weeks)
    planned.scheduled = run(series.schedule(rule, caption=caption))


@when(parsers.re(f"a photo post is scheduled {WEEKLY}$"))
@given(parsers.re(f"a photo post scheduled {WEEKLY}$"))
def weekly_post(series: Series, planned: Planned, time: str, weeks: str) -> None:
    _weekly(series, planned, time, int(weeks), "Weekly tip")


@given(parsers.re(f'a photo post scheduled {WEEKLY} with the caption "(?P<caption>[^"]+)"$'))
def weekly_post_with_caption(
    series: Series, planned: Planned, time: str, weeks: str, caption: str
) -> None:
    _weekly(series, planned, time, int(weeks), caption)


@when(parsers.parse('a photo post is scheduled at {time} to repeat by the rule "{rule}"'))
def post_by_rule(scenario: Scenario, series: Series, time: str, rule: str) -> None:
    try:
        run(series.schedule(recurrence(at(time), rrule=rule)))
    except DomainError as refused:
        scenario.refusal = refused


@given(parsers.parse("the clock has reached {time}"))
def clock_has_reached(scenario: Scenario, time: str) -> None:
    run(scenario.world.run_until(at(time)))


@when("the series is planned ahead twice")
def planned_twice(series: Series) -> None:
    run(series.materialise())
    run(series.materialise())


def _post_at(series: Series, planned: Planned, time: str) -> int:
    view = run(series.get(planned.id))
    (post_id,) = [o.post.id for o in view.occurrences if o.post.occurrence_at == at(time)]
    assert post_id is not None
    return post_id


@given(parsers.parse('the post of {time} is changed alone to the caption "{caption}"'))
def changed_alone(
    scenario: Scenario, series: Series, planned: Planned, time: str, caption: str
) -> None:
    run(scenario.world.edit(_post_at(series, planned, time), caption=caption))


@when(parsers.parse('the caption of the series is changed to "{caption}"'))
def series_caption(series: Series, planned: Planned, caption: str) -> None:
    run(series.edit(planned.id, caption=caption))


@when("the series is cancelled")
def series_cancelled(series: Series, planned: Planned) -> None:
    run(series.cancel(planned.id))


@then(parsers.parse("the series plans posts for {times}"))
def plans_posts(scenario: Scenario, series: Series, planned: Planned, times: str) -> None:
    now = scenario.world.clock.now()
    view = run(series.get(planned.id))
    ahead = [o for o in view.occurrences if o.publication.publish_at >= now]
    assert [o.publication.publish_at for o in ahead] == [at(t) for t in _times(times)]
    assert all(o.publication.status is PublicationStatus.SCHEDULED for o in ahead)


@then(parsers.parse("the series has {count:d} posts on Instagram, each exactly once, at {times}"))
def published_once_each(
    scenario: Scenario, series: Series, planned: Planned, count: int, times: str
) -> None:
    world = scenario.world
    assert len(world.gateway.published) == count
    published = []
    for post_id in {p.post_id for p in world.store.rows["publications"].values()}:
        view = run(world.get(post_id))
        if view.publication.status is PublicationStatus.PUBLISHED:
            assert view.post.series_id == planned.id
            published.append(view.publication.published_at)
    assert sorted(published) == [at(t) for t in _times(times)]


@then(parsers.parse("the series' posts have the captions {captions}"))
def captions_are(scenario: Scenario, series: Series, planned: Planned, captions: str) -> None:
    view = run(series.get(planned.id))
    expected = [c.strip().strip('"') for c in captions.split(",")]
    assert [o.post.content.caption for o in view.occurrences] == expected


@then(parsers.parse('the post of {time} is "{status}"'))
def post_of_time(scenario: Scenario, planned: Planned, time: str, status: str) -> None:
    world = scenario.world
    (post,) = [p for p in world.store.rows["posts"].values() if p.occurrence_at == at(time)]
    assert run(world.get(post.id)).publication.status.value == status


@then(parsers.parse('the posts of the series to come are "{status}"'))
def posts_to_come(series: Series, planned: Planned, status: str) -> None:
    view = run(series.get(planned.id))
    assert view.occurrences
    assert {o.publication.status.value for o in view.occurrences} == {status}
