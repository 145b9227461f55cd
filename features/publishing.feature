Feature: Publishing to Instagram
  At its time a post is put on Instagram exactly once, whatever goes wrong on the way:
  a slow video, a message delivered twice, an answer lost, a worker that dies or is
  stopped, a platform that is down, a token that was revoked, or a daily quota that is spent.

  When Instagram fails for a passing reason (it is down, it does not answer), the post is
  tried again and again, for up to an hour past its time, and fails only then, saying so.
  When Instagram asks Autopost to slow down, the post waits as long as Instagram says: that
  is no failure, and it does not use up the hour.

  Autopost makes a post ready five minutes before its time: it checks the account's daily
  quota, hands Instagram the media and, for a video, waits until Instagram has processed it.
  At the post's second only the call that makes it visible is left, so a post is on time
  even when its video takes minutes to process. Until its time the post can still be moved,
  edited or cancelled; what was made ready for it is then made again or dropped.

  Instagram may publish the same post twice if it is asked twice. When the answer to the
  call that publishes a post is lost, Autopost asks Instagram what became of the post before
  it sends anything again.

  Background:
    Given the Instagram account "17841400000000001" is connected
    And it is 11:55

  Scenario: A video processed ahead of time is published at its second
    Given a video post scheduled for 12:00
    When the clock reaches 11:57
    Then the post is "scheduled"
    And no worker is busy waiting for Instagram
    When Instagram finishes processing the video
    And the clock reaches 11:59:59
    Then it is not on Instagram yet
    When the clock reaches 12:00
    Then it is on Instagram exactly once, at 12:00

  Scenario: A video still processing at its time is published as soon as it is ready
    Given a video post scheduled for 12:00
    When the clock reaches 12:00
    Then the post is "processing"
    And no worker is busy waiting for Instagram
    When Instagram finishes processing the video
    And the clock reaches 12:00:10
    Then it is on Instagram exactly once

  Scenario: A carousel is published as one post of its items
    Given a carousel of 3 images scheduled for 12:00
    When the clock reaches 12:00
    Then it is on Instagram exactly once
    And Instagram received a carousel of 3 items

  Scenario: A message delivered twice publishes once
    Given a photo post scheduled for 12:00
    When the clock reaches 12:00
    And the same message is delivered again
    Then it is on Instagram exactly once

  Scenario: Instagram publishes but its answer is lost
    Given a photo post scheduled for 12:00
    And Instagram will publish the next post but its answer will be lost
    When the clock reaches 12:05
    Then it is on Instagram exactly once
    And the post is "published" with its permalink

  Scenario: A request to publish lost on its way is sent again only after asking Instagram
    Given a photo post scheduled for 12:00
    And the next request to publish will be lost before it reaches Instagram
    When the clock reaches 12:05
    Then it is on Instagram exactly once
    And Instagram was asked what became of the post before it was sent again

  Scenario: A worker dies while publishing and another one finishes the work
    Given a photo post scheduled for 12:00
    And the worker will die while Instagram publishes
    When the clock reaches 12:00
    And the clock reaches 12:05 and the safety sweep runs
    Then it is on Instagram exactly once
    And the post is "published" with its permalink

  Scenario: A worker stopped while it makes a post ready hands it to the others at once
    Given a photo post scheduled for 12:00
    And the worker will be stopped while Instagram makes the post's container
    When the clock reaches 11:55
    And the stopped worker hands back what it held
    And the clock reaches 11:55 and the safety sweep runs
    Then Instagram was asked for its container again at 11:55
    When the clock reaches 12:00
    Then it is on Instagram exactly once, at 12:00

  Scenario: A worker stopped while Instagram publishes keeps the post until Instagram is asked
    Given a photo post scheduled for 12:00
    And the worker will be stopped while Instagram publishes
    When the clock reaches 12:00
    And the stopped worker hands back what it held
    And the clock reaches 12:05 and the safety sweep runs
    Then it is on Instagram exactly once
    And the post is "published" with its permalink

  Scenario: An outage while the post is made ready is retried, and the post is still on time
    Given a photo post scheduled for 12:00
    And Instagram is down for the next 2 requests
    When the clock reaches 11:55
    Then the post is "scheduled" with an error mentioning "down"
    When the clock reaches 12:00
    Then it is on Instagram exactly once, at 12:00
    And the post took 3 attempts

  Scenario: An outage at the post's time is retried with growing pauses
    Given a photo post scheduled for 12:00
    When the clock reaches 11:59
    And Instagram is down for the next 2 requests
    And the clock reaches 12:00
    Then the post is "processing" with an error mentioning "down"
    When the clock reaches 12:02
    Then it is on Instagram exactly once
    And the post took 3 attempts

  Scenario: A post keeps being retried through passing errors until an hour past its time, then fails saying so
    Given a photo post scheduled for 12:00
    And Instagram stays down
    When the clock reaches 12:59:59
    Then the post is "processing" with an error mentioning "down"
    And Instagram was tried again at least every 5 minutes since 12:00
    When the clock reaches 13:00
    Then the post is "failed" with an error mentioning "Instagram kept failing for an hour after the post's time"
    And Instagram was tried one last time at 13:00

  Scenario: Instagram's rate limit delays a post as long as Instagram says, past the hour, without failing it
    Given a photo post scheduled for 12:00
    And Instagram limits requests for the next 4 calls, asking to wait 30 minutes each time
    When the clock reaches 14:00
    Then it is on Instagram exactly once, at 13:55

  Scenario: A refusal fails the post at once with Instagram's reason
    Given a photo post scheduled for 12:00
    And Instagram will refuse the media as "the image is too small"
    When the clock reaches 12:00
    Then the post is "failed" with an error mentioning "the image is too small"

  Scenario: A revoked token asks for the account to be reconnected
    Given a photo post scheduled for 12:00
    And the account's token has been revoked
    When the clock reaches 12:00
    Then the post is "failed" with an error mentioning "reconnect"
    And the account needs to be reconnected

  Scenario: A spent daily quota delays the post instead of failing it
    Given the account has used all 100 of its posts for the day
    And a photo post scheduled for 12:00
    When the clock reaches 12:00
    Then the post is "scheduled" with an error mentioning "limit of 100 posts"
    And it is not on Instagram yet

  Scenario: A post edited after it was made ready is published as edited
    Given a photo post scheduled for 12:00 with the caption "First draft"
    When the clock reaches 11:58
    And the caption is changed to "Final words"
    And the clock reaches 12:00
    Then it is on Instagram exactly once, at 12:00
    And Instagram published the caption "Final words"

  Scenario: A failed post is retried by hand
    Given a photo post scheduled for 12:00
    And Instagram will refuse the media as "the image is too small"
    When the clock reaches 12:00
    And the post is retried by hand
    And the clock reaches 12:01
    Then it is on Instagram exactly once
