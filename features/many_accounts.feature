Feature: One post to several accounts
  A team writes an announcement once and sends it to several connected accounts at the same
  time: Instagram accounts and Pinterest boards mixed. Each account gets its own publication,
  with its own status, attempts and errors: one account failing never holds back the others,
  and the failed one is retried alone. Each account takes the fields its platform has (a pin
  takes the caption as its description when it has none) and may override any of them.

  Background:
    Given the Instagram accounts "shop" and "brand" are connected
    And a Pinterest account is connected
    And it is 11:00

  Scenario: Every account publishes the post once, at its time
    Given "Spring is here" scheduled for 12:00 on "shop", "brand" and Pinterest
    When the clock reaches 12:01
    Then "shop" and "brand" each published it once on Instagram
    And Pinterest has one pin with the description "Spring is here"

  Scenario: An account publishes its own version
    Given "Spring is here" scheduled for 12:00 on "shop" and "brand", with the caption "Hello from brand" for "brand"
    When the clock reaches 12:01
    Then Instagram published the captions "Spring is here" and "Hello from brand"

  Scenario: One account failing does not hold back the others, and is retried alone
    Given Instagram will refuse the next media as "the image could not be fetched"
    And "Spring is here" scheduled for 12:00 on "shop", "brand" and Pinterest
    When the clock reaches 12:01
    Then one account's publication has failed and the two others are published
    When the failed publication is retried by hand
    And the clock reaches 12:02
    Then every publication is published
    And each account published it exactly once

  Scenario: Each account is checked against its own platform's rules
    When a post is scheduled on "shop" and "brand" with 31 hashtags in the caption for "brand"
    Then it is refused for the account "brand" only, because of its caption
    And nothing is scheduled

  Scenario: Cancelling the post cancels what can still change
    Given "Spring is here" scheduled for 12:00 on "shop" and "brand"
    And the publication on "brand" is moved to 15:00
    When the clock reaches 12:01
    And the post is cancelled
    Then the publication on "shop" is "published" and the one on "brand" is "cancelled"

  Scenario: One account's publication is moved alone
    Given "Spring is here" scheduled for 12:00 on "shop" and "brand"
    When the publication on "brand" is moved to 15:00
    Then the publication on "shop" is due at 12:00 and the one on "brand" at 15:00
