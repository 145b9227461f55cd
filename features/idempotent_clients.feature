Feature: Clients that retry
  A mobile app on a bad network sends a request and may never get the answer. It sends the
  request again with the same Idempotency-Key, a name it gave the request: Autopost answers
  what it answered the first time, and nothing is made twice.

  Background:
    Given the Instagram account "17841400000000001" is connected
    And it is 11:00

  Scenario: A client retries a create after a lost answer and gets the same post
    Given a client scheduled a photo post for 12:00 with the key "retry-1"
    But the answer was lost on the way back
    When the client sends the same request again with the key "retry-1"
    Then it gets the first answer again
    And one post is scheduled
    When the clock reaches 12:00
    Then it is on Instagram exactly once

  Scenario: A key sent again with another post is refused
    Given a client scheduled a photo post for 12:00 with the key "retry-1"
    When the client schedules a photo post for 12:30 with the key "retry-1"
    Then it is told the key was used for another request
    And one post is scheduled

  Scenario: A retry while the first request is still being handled is told to try later
    Given a client's request with the key "retry-1" is still being handled
    When the client sends the same request again with the key "retry-1"
    Then it is told to retry later
    And no post is scheduled

  Scenario: A refused request can be corrected and sent again with its key
    Given a client scheduled a photo post with 40 hashtags for 12:00 with the key "retry-1"
    And it was refused
    When the client schedules a photo post for 12:00 with the key "retry-1"
    Then the post is scheduled
    And one post is scheduled

  Scenario: A key is forgotten after a day
    Given a client scheduled a photo post for 12:00 with the key "retry-1"
    When it is 11:00 the next day
    And the client schedules a photo post for 12:30 with the key "retry-1"
    Then the post is scheduled
    And two posts are scheduled
