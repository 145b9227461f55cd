Feature: The calendar
  A person plans and watches their posts on a calendar: a month or a week of every
  publication on every account, at the times of their own time zone. A post to two accounts
  is on it twice, once for each. A post keeps its hour on the person's clock when the clocks
  change for summer or winter. Moving a post to another day keeps its time of day, and is
  refused, in words, once the post is published or being published. Above the calendar, a
  strip shows what needs attention: what is due in the next 24 hours, and the failed posts
  with their reasons and a way to try them again.

  Background:
    Given the Instagram account "17841400000000001" is connected
    And my time zone is Europe/Berlin
    And the time is Monday 23 March 2026, 08:00 on my clock

  Scenario: A week planned across the change to summer time keeps every post at its hour
    When I plan a post for every day from Monday 23 March 2026 to Sunday 29 March 2026 at 09:00
    Then the week of 23 March 2026 shows one post on each day, each at 09:00

  Scenario: A post to two accounts is on the calendar once for each
    Given the Instagram account "17841400000000002" is connected
    When I plan a post to both accounts for Friday 27 March 2026 at 18:00
    Then the week of 23 March 2026 shows it on Friday at 18:00 for each account

  Scenario: A draft without a time is not on the calendar
    When I save a draft without a time
    Then the week of 23 March 2026 shows no post

  Scenario: Moving a post to another day keeps its time of day
    Given I planned a post for Saturday 28 March 2026 at 09:00
    When I move it to Monday 30 March 2026
    Then the week of 30 March 2026 shows it on Monday at 09:00
    And the week of 23 March 2026 shows no post

  Scenario: A published post cannot be moved
    Given I planned a post for Monday 23 March 2026 at 10:00
    And the clock reaches Monday 23 March 2026, 10:05 on my clock
    When I move it to Tuesday 24 March 2026
    Then the move is refused with the words "A publication that is published cannot be"
    And the week of 23 March 2026 shows it on Monday at 10:00

  Scenario: A failed post is fixed from the strip
    Given I planned a post for Monday 23 March 2026 at 10:00
    And Instagram will refuse the media as "the image could not be fetched"
    When the clock reaches Monday 23 March 2026, 10:05 on my clock
    Then the strip lists it as failed because "the image could not be fetched"
    When I retry it from the strip
    And the clock reaches Monday 23 March 2026, 10:10 on my clock
    Then the strip lists no failed post
    And the week of 23 March 2026 shows it on Monday at 10:00 as published

  Scenario: A failed post's page tells what was asked of the platform, its answer, and what to do
    Given I planned a post for Monday 23 March 2026 at 10:00
    And Instagram will refuse the media as "the image could not be fetched"
    When the clock reaches Monday 23 March 2026, 10:05 on my clock
    Then the post's timeline says "Asked the platform to prepare the media: refused" at 09:55
    And that line gives Instagram's words "the image could not be fetched"
    And that line says what to do: "Check that the media is at a public https address"
