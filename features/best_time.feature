Feature: The best time to post
  Autopost pictures an Instagram account's week by the hour, from when its followers are
  online and how its past posts did, and suggests the next free hour that scores best. A new
  post can ask for that time instead of giving one; two posts asking in turn take two different
  hours, and a post asking before anything is known of the account is refused in words.

  Background:
    Given the Instagram account "17841400000000001" is connected
    And it is 12:00

  Scenario: The hour most followers are online is suggested
    Given for the past week most of the account's followers were online at 18:00
    Then the best time to post is 18:00

  Scenario: Two posts asking for the best time take two different hours
    Given for the past week most of the account's followers were online at 18:00
    When a photo post asks for the best time to post
    And another photo post asks for the best time to post
    Then the first is scheduled for 18:00 and the second for 18:00 in 1 days

  Scenario: A post asking for the best time of an account nothing is known of is refused
    When a photo post asks for the best time to post
    Then it is refused with a message about "Nothing is known yet"
