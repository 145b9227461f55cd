Feature: Commenting on Instagram posts
  Comments are written through Instagram first and then stored; a post's comments can be
  listed, replied to, hidden and deleted. Text that Instagram would refuse is refused first,
  with the reason.

  Background:
    Given it is 11:00
    And the Instagram account "17841400000000001" is connected
    And the account has 3 media on Instagram
    And the account was synced

  Scenario: A comment is posted on Instagram and stored
    When "Great post!" is commented on the newest media
    Then Instagram has the comment "Great post!"
    And the newest media lists the comment "Great post!"

  Scenario: A comment Instagram would refuse is refused before it is sent
    When "BUY NOW" is commented on the newest media
    Then the comment is refused because "capital letters"
    And Instagram received no comment

  Scenario: Comments written on Instagram are synced with their replies
    Given someone commented "Nice" on the newest media, with the reply "Thanks"
    When the comments of the newest media are refreshed
    Then the newest media lists the comments "Nice, Thanks"
    And "Thanks" is a reply to "Nice"

  Scenario: A comment can be replied to, hidden and deleted
    Given someone commented "Nice" on the newest media, with the reply "Thanks"
    And the comments of the newest media were refreshed
    When "Glad you like it" is replied to "Nice"
    And "Nice" is hidden
    And "Thanks" is deleted
    Then the newest media lists the comments "Nice, Glad you like it"
    And "Nice" is hidden on Instagram
    And the audit log says the comments were replied to, hidden and deleted
