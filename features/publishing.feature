Feature: Publishing to Instagram
  At its time a post is put on Instagram exactly once, whatever goes wrong on the way:
  a slow video, a message delivered twice, an answer lost, a worker that dies, a platform
  that is down, a token that was revoked, or a daily quota that is spent.

  Background:
    Given the Instagram account "17841400000000001" is connected
    And it is 11:55

  Scenario: A video is published once Instagram has processed it
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

  Scenario: A worker dies while publishing and another one finishes the work
    Given a photo post scheduled for 12:00
    And the worker will die while Instagram publishes
    When the clock reaches 12:00
    And the clock reaches 12:05 and the safety sweep runs
    Then it is on Instagram exactly once
    And the post is "published" with its permalink

  Scenario: A platform outage is retried with growing pauses
    Given a photo post scheduled for 12:00
    And Instagram is down for the next 2 requests
    When the clock reaches 12:00
    Then the post is "processing" with an error mentioning "down"
    When the clock reaches 12:02
    Then it is on Instagram exactly once
    And the post took 3 attempts

  Scenario: An outage that does not end makes the post fail after a bounded number of tries
    Given a photo post scheduled for 12:00
    And Instagram is down for the next 10 requests
    When the clock reaches 13:00
    Then the post is "failed" with an error mentioning "gave up after 3 attempts"

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

  Scenario: A failed post is retried by hand
    Given a photo post scheduled for 12:00
    And Instagram will refuse the media as "the image is too small"
    When the clock reaches 12:00
    And the post is retried by hand
    And the clock reaches 12:01
    Then it is on Instagram exactly once
