Feature: Scheduling posts
  A client hands Autopost a post and a time. Until that time the post can be moved,
  edited or cancelled; once Autopost has started publishing it, it can no longer be changed.

  Background:
    Given the Instagram account "17841400000000001" is connected
    And it is 11:00

  Scenario: A post is published at the time it was given
    Given a photo post scheduled for 12:00
    When the clock reaches 11:59:59
    Then it is not on Instagram yet
    When the clock reaches 12:00
    Then it is on Instagram exactly once
    And the post is "published" with its permalink

  Scenario: A rescheduled post is not published at its old time
    Given a photo post scheduled for 12:00
    When the post is moved to 12:30
    And the clock reaches 12:15
    Then it is not on Instagram yet
    When the clock reaches 12:30
    Then it is on Instagram exactly once

  Scenario: A cancelled post is never published
    Given a photo post scheduled for 12:00
    When the post is cancelled
    And the clock reaches 13:00
    Then it is not on Instagram yet
    And the post is "cancelled"

  Scenario: An edited caption is the one that is published
    Given a photo post scheduled for 12:00 with the caption "First draft"
    When the caption is changed to "Final words"
    And the clock reaches 12:00
    Then Instagram shows the caption "Final words"

  Scenario: A published post can no longer be changed
    Given a photo post scheduled for 12:00
    When the clock reaches 12:00
    Then moving the post to 13:00 is refused because it is "published"
    And cancelling the post is refused because it is "published"

  Scenario: A post that breaks Instagram's rules is refused before it is scheduled
    When a photo post with 31 hashtags is scheduled for 12:00
    Then it is refused with a message about "30 hashtags"
    And nothing is scheduled

  Scenario: A post far in the future waits in the database, not in the broker
    Given a photo post scheduled for 12:00 in 30 days
    Then the broker holds nothing for it
    When the clock reaches 11:46 in 30 days
    Then the broker holds it for 11:55 in 30 days, to make it ready five minutes ahead

  Scenario: A post waiting behind a busy worker is handed over again less and less often
    Given a photo post scheduled for 12:00
    When the safety sweep runs every 30 seconds from 11:50 to 12:05, the worker too busy to take any message
    Then the post was handed to the broker at 11:50, then again at 11:56, 11:57, 11:59 and 12:03

  Scenario: A post sent without a time is published now
    When a photo post is sent without a time
    Then it is due at 11:00, the time it was sent
    When the worker takes what is due, the clock still at 11:00
    Then it is on Instagram exactly once, at 11:00

  Scenario: Scheduling a post ten minutes after another on the same account warns but schedules
    Given a photo post scheduled for 12:00
    When another photo post, with other media and caption, is scheduled for 12:10
    Then the answer warns that it is near the post at 12:00, and nothing else
    When the clock reaches 12:10
    Then both posts are on Instagram
