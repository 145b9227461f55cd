Feature: How posts did, day by day
  Autopost keeps, for every media of a connected Instagram account, the numbers Instagram has
  for its kind (views, reach, likes, comments, shares, saves, interactions, and a reel's watch
  time), and for the account its followers and the hours they are online. Each day collected is
  kept, so a post's numbers can be followed over time. Pins Autopost published get Pinterest's
  daily impressions, saves and clicks.

  Background:
    Given it is 11:00
    And the Instagram account "17841400000000001" is connected

  Scenario: Each kind of media gets the numbers Instagram has for it
    Given the account has a photo, a reel and a story on Instagram
    And the account was synced
    When the insights are collected
    Then the reel's watch time is kept
    And the photo's saves are kept but no watch time
    And the story has no likes kept

  Scenario: The numbers of each day are kept, and a second collection that day asks nothing
    Given the account has 5 media on Instagram
    And the account was synced
    And the insights were collected
    When the insights are collected
    Then Instagram was asked about no media the second time
    When a day passes and the media were seen more
    And the insights are collected
    Then each media has 2 days kept, the second with more views

  Scenario: The account's followers and the hours they are online are kept
    Given the account has 1 media on Instagram
    And the account has 4200 followers, most of them online at 19:00
    When the insights are collected
    Then the account's day holds 4200 followers and its busiest hour is 19:00

  Scenario: A collection gets through an Instagram that fails now and then
    Given the account has 300 media on Instagram
    And the account was synced
    And one insights call in ten fails and another is refused for a rate limit
    When the insights are collected
    Then the collection finished
    And every one of the 300 media has today's numbers, once

  Scenario: A collection that Instagram stops part way keeps what it had
    Given the account has 120 media on Instagram
    And the account was synced
    And Instagram stops answering insights after 70 media
    When the insights are collected
    Then the collection stopped part way, keeping 70 media
    When Instagram answers again
    And the insights are collected
    Then every one of the 120 media has today's numbers, once
    And Instagram was asked about 50 media the second time

  Scenario: A published pin's daily analytics are kept
    Given a pin published on Pinterest 3 days ago
    And Pinterest counted impressions on each day since
    When the pin analytics are collected
    Then the pin has 4 days kept, each with its impressions
