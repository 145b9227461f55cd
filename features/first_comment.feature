Feature: The first comment of an Instagram post
  An Instagram post can carry a first comment (a link, a question, the hashtags kept out of
  the caption). Autopost writes it on the post right after Instagram publishes the post:
  the post itself is not held back by it, and it is written exactly once, also when an
  answer is lost or a worker dies on the way.

  The comment is held to Instagram's rules for comments (at most 300 characters, 4 hashtags
  and one link, not all in capital letters) when the post is scheduled. If Instagram still
  refuses it, the post stays published and the comment's error says why; if Instagram fails
  for a passing reason, the comment is tried again for up to an hour after the post appeared.

  Background:
    Given the Instagram account "17841400000000001" is connected
    And it is 11:55

  Scenario: A reel gets its first comment at the moment it appears
    Given a reel scheduled for 12:00 with the first comment "Sound on, then tell us the song"
    When the clock reaches 11:58
    And Instagram finishes processing the video
    And the clock reaches 12:00
    Then it is on Instagram exactly once, at 12:00
    And the reel has the comment "Sound on, then tell us the song" once, written at 12:00

  Scenario: A first comment that Instagram refuses does not fail the post
    Given a reel scheduled for 12:00 with the first comment "Sound on, then tell us the song"
    And Instagram will refuse the comment as "it looks like spam"
    When the clock reaches 11:58
    And Instagram finishes processing the video
    And the clock reaches 12:30
    Then the post is "published"
    And its first comment was not written because "it looks like spam"

  Scenario: A first comment whose answer is lost is written once
    Given a reel scheduled for 12:00 with the first comment "Sound on, then tell us the song"
    And Instagram will write the comment but its answer will be lost
    When the clock reaches 11:58
    And Instagram finishes processing the video
    And the clock reaches 12:05
    Then the reel has the comment "Sound on, then tell us the song" once

  Scenario: A first comment that breaks Instagram's rules is refused when the post is scheduled
    When a reel is scheduled for 12:00 with a first comment of 5 hashtags
    Then the post is refused because "Instagram allows at most 4 hashtags in a comment."
