Feature: Queues and posting slots
  An account can have weekly posting slots in its own time zone: for example Monday to Friday
  at 09:00 and 18:00, Berlin time. A post put in the queue takes the account's next free slot,
  so a shop keeps a steady rhythm without choosing a time for every post. A slot keeps its
  time on the account's clock when the clocks change for summer or winter. A slot is skipped
  when the account already has as many posts in 24 hours as Instagram takes.

  The queue is the account's scheduled posts that sit in its slots, in time order. It can be
  reordered (the same times, given to the posts in a new order) and shuffled.

  Background:
    Given the Instagram account "17841400000000001" is connected
    And its posting slots are Monday to Friday at 09:00 and 18:00 in Europe/Berlin
    And the time is Thursday 26 March 2026, 12:00 in Europe/Berlin

  Scenario: A post queued fills the next free slot
    When a post is put in the queue
    Then it is due on Thursday at 18:00 CET

  Scenario: A slot already taken by a post is skipped
    Given a post scheduled for Thursday 26 March 2026, 18:00 in Europe/Berlin
    When a post is put in the queue
    Then it is due on Friday at 09:00 CET

  Scenario: A queue filled across a daylight-saving change keeps local times
    When 5 posts are put in the queue
    Then the queue is due on Thursday at 18:00 CET, Friday at 09:00 CET, Friday at 18:00 CET, Monday at 09:00 CEST, Monday at 18:00 CEST

  Scenario: A full quota day is skipped
    Given 100 posts scheduled on Friday 27 March 2026 from 02:00 in Europe/Berlin, 3 minutes apart
    When a post is put in the queue
    Then it is due on Monday at 09:00 CEST

  Scenario: Reordering the queue gives its times to the posts in the new order
    Given the posts "A", "B" and "C" are put in the queue
    When the queue is reordered as "C", "A", "B"
    Then the queue holds "C" on Thursday at 18:00 CET, "A" on Friday at 09:00 CET, "B" on Friday at 18:00 CET

  Scenario: Shuffling the queue keeps its times
    Given the posts "A", "B" and "C" are put in the queue
    When the queue is shuffled
    Then the queue is in another order
    And the queue is due on Thursday at 18:00 CET, Friday at 09:00 CET, Friday at 18:00 CET

  Scenario: A Contributor moves only their own posts in the queue
    Given the posts "A", "B" and "C" are put in the queue
    And a Contributor put "D" in the queue
    When the Contributor reorders the queue as "A", "B", "D", "C"
    Then the change is refused as not allowed
    And the queue holds "A" on Thursday at 18:00 CET, "B" on Friday at 09:00 CET, "C" on Friday at 18:00 CET, "D" on Monday at 09:00 CEST

  Scenario: A queued post is published at its slot
    When a post is put in the queue
    And the clock reaches Thursday 26 March 2026, 18:00 in Europe/Berlin
    Then it is on Instagram exactly once

  Scenario: An account without posting slots takes no queued post
    Given the account's posting slots are cleared
    When a post is put in the queue
    Then it is refused because the account has no posting slots

  Scenario: A slot at a time the spring change skips happens an hour later that day
    Given its posting slots are Sunday at 02:30 in Europe/Berlin
    When 2 posts are put in the queue
    Then the queue is due on Sunday at 03:30 CEST, Sunday at 02:30 CEST
