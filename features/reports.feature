Feature: Reports
  A team sees how its publishing went over a period, from Autopost's own records: for each
  account, how many posts were published and how many of them on time (at most a minute after
  their time), how late the latest ones were, what failed and what it was about, and what is
  still to come. The same numbers come as CSV.

  Background:
    Given the Instagram account "17841400000000001" is connected
    And it is 09:00

  Scenario: A post the platform held back counts as late
    Given a photo post scheduled for 10:00
    And a photo post scheduled for 11:00
    And a photo post scheduled for 12:00
    When the clock reaches 11:59
    And Instagram limits requests for the next 1 calls, asking to wait 30 minutes each time
    And the clock reaches 18:00
    Then the day's report counts 3 published, 2 of them on time
    And its latest post was 30 minutes late

  Scenario: Failures are counted by what they were about
    Given a photo post scheduled for 10:00
    And Instagram will refuse the media as "the image could not be fetched"
    When the clock reaches 18:00
    Then the day's report counts 1 failed about the media

  Scenario: A post still to come waits, and a cancelled one is not counted
    Given a photo post scheduled for 20:00
    And a photo post scheduled for 21:00
    When the post is cancelled
    And the clock reaches 18:00
    Then the day's report counts 1 waiting and nothing else
