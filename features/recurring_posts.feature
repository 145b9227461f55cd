Feature: Recurring posts
  A post can repeat: every day, every week on given days, every month, or by an RFC 5545 rule,
  until a date or for a number of times. Each time it repeats is a post of its own, with its
  own publication, planned four weeks ahead; the ones further off are planned as time goes by.
  The series can be changed (its content, its rule) or cancelled as a whole, and one of its
  posts can be changed alone: that one then keeps its own content.

  Background:
    Given the Instagram account "17841400000000001" is connected
    And it is 11:00

  Scenario: A weekly post is planned four weeks ahead
    When a photo post is scheduled every week at 12:00 for 10 weeks
    Then the series plans posts for 12:00, 12:00 in 7 days, 12:00 in 14 days and 12:00 in 21 days

  Scenario: Each time of a series is published once, at its time
    Given a photo post scheduled every week at 12:00 for 10 weeks
    When the clock reaches 12:01 in 14 days
    Then the series has 3 posts on Instagram, each exactly once, at 12:00, 12:00 in 7 days and 12:00 in 14 days

  Scenario: The posts further off are planned as time goes by, never twice
    Given a photo post scheduled every week at 12:00 for 10 weeks
    When the clock reaches 11:00 in 7 days
    And the series is planned ahead twice
    Then the series plans posts for 12:00 in 7 days, 12:00 in 14 days, 12:00 in 21 days and 12:00 in 28 days

  Scenario: Changing the series changes its posts to come, except one changed alone
    Given a photo post scheduled every week at 12:00 for 10 weeks with the caption "Weekly tip"
    And the post of 12:00 in 7 days is changed alone to the caption "Special edition"
    When the caption of the series is changed to "New tip"
    Then the series' posts have the captions "New tip", "Special edition", "New tip", "New tip"

  Scenario: Cancelling the series cancels its posts to come, not those published
    Given a photo post scheduled every week at 12:00 for 10 weeks
    And the clock has reached 12:01
    When the series is cancelled
    Then the post of 12:00 is "published"
    And the posts of the series to come are "cancelled"

  Scenario: A rule that cannot be read is refused saying why
    When a photo post is scheduled at 12:00 to repeat by the rule "FREQ=SOMETIMES"
    Then it is refused with a message about "Not an RFC 5545 rule"
    And nothing is scheduled
