Feature: Webhooks tell the team's systems what happened
  A team registers the address of a system of theirs (a webhook) and the events it wants.
  Autopost sends each of those events there as it happens, signed with the webhook's secret
  so that the receiver knows it comes from Autopost, and tries again for three days while
  the receiver does not answer. A receiver gets the events of a post in the order they
  happened, and each event once more at most if it is sent again: its id stays the same.

  Background:
    Given the Instagram account "17841400000000001" is connected
    And it is 11:55

  Scenario: A failed post notifies the team's webhook
    Given the team's webhook wants "publication.failed"
    And a photo post scheduled for 12:00
    And Instagram will refuse the media as "the image is too small"
    When the clock reaches 12:00
    And the webhooks are delivered
    Then the team's webhook received "publication.failed" for the post, signed with its secret
    And the event says why: "the image is too small", and what to do about it

  Scenario: A reconnect-needed account notifies once, not once per post
    Given the team's webhook wants "account.needs_reconnect" and "publication.failed"
    And photo posts scheduled for 12:00, 12:01 and 12:02
    And Instagram refuses the account's token for each of them
    When the clock reaches 12:05
    And the webhooks are delivered
    Then the team's webhook received "publication.failed" 3 times
    And the team's webhook received "account.needs_reconnect" once

  Scenario: A webhook that was down for an hour gets every event afterwards, in order
    Given the team's webhook wants every event
    And the team's webhook is down
    And photo posts scheduled for 12:00, 12:01 and 12:02
    When the clock reaches 12:55 while the webhooks are delivered
    And the team's webhook is back
    And the clock reaches 15:00 while the webhooks are delivered
    Then the team's webhook received "post.scheduled" then "publication.published" for each post
