Feature: Everything Instagram lets a post ask for
  Besides its media and caption, an Instagram post can ask for what Instagram offers: alt
  text describing an image (on a carousel, each image its own), up to three collaborators
  whose profiles show the post once they accept, a place, and people tagged, also on a
  story. A reel can have its own cover image or a frame of the video as cover, a name for
  its audio, stay off the feed, or go first to people who do not follow the account (a
  trial reel).

  Each option is held to Instagram's limits when the post is scheduled, so a post Instagram
  would refuse never waits in the queue; what passes is asked of Instagram in the call that
  takes it (a carousel's collaborators on the carousel, the alt text on each image).

  Background:
    Given the Instagram account "17841400000000001" is connected
    And it is 11:55

  Scenario: A reel with its own cover and audio name stays off the feed
    Given a reel scheduled for 12:00 with the cover "https://cdn.example.com/cover.jpg" and the audio "Morning theme", kept off the feed
    When the clock reaches 11:58
    And Instagram finishes processing the video
    And the clock reaches 12:00
    Then it is on Instagram exactly once, at 12:00
    And Instagram was asked for the cover "https://cdn.example.com/cover.jpg" and the audio "Morning theme"
    And Instagram was asked to keep the reel off the feed

  Scenario: A trial reel is shown to followers when it performs well
    Given a trial reel scheduled for 12:00 that is shared with followers when it performs well
    When the clock reaches 11:58
    And Instagram finishes processing the video
    And the clock reaches 12:00
    Then it is on Instagram exactly once, at 12:00
    And Instagram was asked for a trial that graduates by "SS_PERFORMANCE"

  Scenario: A carousel made with collaborators describes each image
    Given a carousel scheduled for 12:00 with the collaborators "ana.sings, bob_draws" and its first image described as "Ana at the piano"
    When the clock reaches 12:00
    Then it is on Instagram exactly once, at 12:00
    And Instagram was asked for the collaborators "ana.sings, bob_draws" on the carousel
    And Instagram was asked to describe the first image as "Ana at the piano"

  Scenario: A story tags the people in it
    Given a story scheduled for 12:00 tagging "ana.sings"
    When the clock reaches 12:00
    Then it is on Instagram exactly once, at 12:00
    And Instagram was asked to tag "ana.sings"

  Scenario: More collaborators than Instagram allows are refused when the post is scheduled
    When a photo post with the collaborators "a, b, c, d" is scheduled for 12:00
    Then the post is refused because its collaborators: "Instagram allows at most 3 collaborators; got 4."

  Scenario: Alt text on a reel is refused when the post is scheduled
    When a reel with the alt text "A cat" is scheduled for 12:00
    Then the post is refused because its alt_text: "Instagram takes alt text on images only, not on a Reel."

  Scenario: A photo tags products of the account's shop where they are in the picture
    Given a photo post scheduled for 12:00 tagging the product "7700112233" at 0.4, 0.6
    When the clock reaches 12:00
    Then it is on Instagram exactly once, at 12:00
    And Instagram was asked to tag the product "7700112233" at 0.4, 0.6

  Scenario: A reel's product tags have no place in the picture
    When a reel tagging the product "7700112233" at 0.4, 0.6 is scheduled for 12:00
    Then the post is refused because its product_tags: "Tag 1: x, y is not taken here."
