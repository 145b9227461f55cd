from pytest_bdd import parsers, scenarios, then, when

from autopost.application.posting.views import PostView
from autopost.domain.post_conflicts import ConflictCode
from features.conftest import Scenario, at, run

scenarios("scheduling.feature")


@when("a photo post is sent without a time")
def sent_without_a_time(scenario: Scenario) -> None:
    # Over HTTP a post without `date_pub` is one for "now" (adapters/http/posts.py).
    scenario.view = run(scenario.world.schedule(at="now", token=None))


@then(parsers.parse("it is due at {time}, the time it was sent"))
def due_when_sent(scenario: Scenario, time: str) -> None:
    assert scenario.current().publication.publish_at == at(time)


@when(parsers.parse("the worker takes what is due, the clock still at {time}"))
def worker_takes_what_is_due(scenario: Scenario, time: str) -> None:
    run(scenario.world.deliver_due())
    assert scenario.world.clock.now() == at(time)


@when(
    parsers.parse("another photo post, with other media and caption, is scheduled for {time}"),
    target_fixture="earlier",
)
def another_post(scenario: Scenario, time: str) -> PostView:
    earlier = scenario.view
    assert earlier is not None
    scenario.view = run(
        scenario.world.schedule(
            at=at(time), token=None, url="https://cdn.example.com/b.jpg", caption="Other words"
        )
    )
    return earlier


@then(parsers.parse("the answer warns that it is near the post at {time}, and nothing else"))
def warned_near(scenario: Scenario, earlier: PostView, time: str) -> None:
    assert earlier.publication.publish_at == at(time)
    assert scenario.view is not None
    warnings = [(w.code, w.post_id) for w in scenario.view.warnings]
    assert warnings == [(ConflictCode.NEAR_ANOTHER_POST, earlier.post.id)]


@then("both posts are on Instagram")
def both_on_instagram(scenario: Scenario) -> None:
    assert len(scenario.world.gateway.published) == 2
