Feature: Writing a post in the browser
  A person writes a post on the compose page: the accounts it goes to, the media, the caption,
  and when. The page sends what they wrote to the same rules as the API: a caption Instagram
  would refuse is refused before anything is stored, with Instagram's own words, and nothing
  is lost: the person fixes it and sends it again. A post already written can be copied as a
  new draft, to be reused for another day. A post may repeat, on one account: daily, weekly on
  given days, monthly, or by a calendar rule, until a date or a number of times.

  Background:
    Given the Instagram accounts "shop" and "brand" are connected
    And it is 11:00

  Scenario: A post written once goes to two accounts
    When I write "Spring is here #spring" for "shop" and "brand" at 12:00
    Then one post is stored, with a publication on "shop" and one on "brand"
    And both are scheduled for 12:00

  Scenario: A refused caption is fixed and sent again
    When I write a caption with 31 hashtags for "shop" and "brand" at 12:00
    Then the caption is refused for "shop" with "Instagram allows at most 30 hashtags; found 31."
    And no post is stored
    When I remove one hashtag and send it again
    Then one post is stored, with a publication on "shop" and one on "brand"

  Scenario: A post is duplicated as a new draft
    Given I wrote "Spring is here" for "shop" and "brand" at 12:00, with the caption "Hello from brand" for "brand"
    When I duplicate the post
    Then a second post is stored as a draft on "shop" and "brand", without a time
    And "brand" keeps the caption "Hello from brand" in the copy

  Scenario: A post written once repeats every Monday and Thursday
    When I write "Weekly tip" for "shop" at 12:00 in 6 days, repeating weekly on mon and thu 4 times
    Then "shop" has posts of one series at 12:00 in 6 days, 12:00 in 9 days, 12:00 in 13 days and 12:00 in 16 days

  Scenario: A post that repeats goes to one account
    When I write "Weekly tip" for "shop" and "brand" at 12:00 in 6 days, repeating weekly on mon and thu 4 times
    Then the repetition is refused with "A post that repeats goes to one account: choose only one, or choose None under Repeat."
    And no post is stored
