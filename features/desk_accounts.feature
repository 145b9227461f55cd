Feature: Queues, approvals and accounts at the publishing desk
  At the desk a Publisher approves what Contributors wrote, or sends it back with a comment
  the author then reads; the accounts page says in words which account is healthy and which
  must be reconnected, and keeps a Pinterest account's boards, given by hand where Pinterest
  lists none; the queues page moves a post up or down its account's queue.

  Background:
    Given an Instagram account whose Contributors' posts need approval
    And Carl is a Contributor
    And Paula is a Publisher

  Scenario: A Publisher approves a Contributor's post from the approvals page
    Given Carl has scheduled a photo for 12:00
    When Paula opens the approvals page
    Then she sees Carl's post awaiting approval, with the buttons to approve it or send it back
    When Paula approves the post from the page
    Then her approvals page is empty
    And the post is published at 12:00

  Scenario: A post sent back with a comment shows its author the comment
    Given Carl has scheduled a photo for 12:00
    When Paula sends the post back with the comment "Use the square photo"
    And Carl opens the approvals page
    Then he sees his post returned with the comment "Use the square photo"
    And he has no button to approve it

  Scenario: An account that needs reconnecting says why, and is healthy once reconnected
    Given Instagram refused the account's token because "the token was revoked"
    Then the accounts page says the account needs reconnecting: "the token was revoked"
    When the account is connected again with a new token
    Then the accounts page says the account is healthy

  Scenario: An account whose posts wait is not disconnected
    Given Paula has scheduled a photo for 12:00
    When Paula disconnects the account
    Then she is told "this account has 1 scheduled post(s): cancel them before removing it"
    And the account is still connected

  Scenario: An account without waiting posts is disconnected
    When Paula disconnects the account
    Then the account is no longer connected

  Scenario: A Pinterest board mapping edited by hand picks the board of a topic
    Given a Pinterest account whose boards Pinterest lists as "Cats"
    When Paula writes the boards by hand as "Recipes = 1234"
    Then a pin on the topic "recipes" goes to board 1234
    And a pin on the topic "cats" goes to board 900
    When Paula makes board 1234 the default board
    Then a pin on the topic "gardening" goes to board 1234

  Scenario: Moving a post up its queue gives it the earlier slot
    Given the account posts on Mondays at 09:00 and 18:00 in UTC
    And Paula has put the posts "first" and "second" in the queue
    When Paula moves "second" up from the queues page
    Then the queue is "second", "first"
