Feature: Media from your own disk
  Not every photo or video is on a public web server. People upload them to Autopost's media
  library and schedule posts of them; when a post goes out, the platform fetches the file
  from Autopost itself, through a link that only opens that file, and only for a while.

  What a file is, is told by its content, not by its name: a document called a photo is not
  taken. A file that a post still waiting to go out uses stays in the library until the post
  is published or cancelled.

  Background:
    Given the Instagram account "17841400000000001" is connected
    And it is 11:55

  Scenario: A photo from the library is published through a signed link of Autopost's
    Given the photo "cat.jpg" is in the media library
    And an Instagram post of it scheduled for 12:00
    When the clock reaches 12:00
    Then it is on Instagram exactly once, at 12:00
    And Instagram fetched the photo from Autopost, through a link that opens it
    And the link no longer opens it two days later

  Scenario: A video from the library goes into a carousel as a video
    Given the video "dance.mp4" is in the media library
    And a carousel of a photo from the web and that video scheduled for 12:00
    When the clock reaches 11:58
    And Instagram finishes processing the video
    And the clock reaches 12:00
    Then it is on Instagram exactly once, at 12:00
    And Instagram was asked for the carousel's second item as a video

  Scenario: A file a scheduled post uses stays until the post is out
    Given the photo "cat.jpg" is in the media library
    And an Instagram post of it scheduled for 12:00
    When someone deletes the photo from the library
    Then the deletion is refused, naming the post
    When the clock reaches 12:00
    And someone deletes the photo from the library
    Then the media library is empty

  Scenario: A library image Instagram does not take fails the post before Instagram is asked
    Given the PNG image "chart.png" is in the media library
    And an Instagram post of it scheduled for 12:00
    When the clock reaches 12:00
    Then the post is "failed" with an error mentioning "JPEG"
    And Instagram was never asked

  Scenario: A document called a photo is not taken
    When someone uploads a PDF named "holiday.jpg" as an image
    Then the upload is refused because the file is none of the formats kept
    And the media library is empty

  Scenario: The library tells which posts still to go out use each file
    Given the photo "cat.jpg" is in the media library
    And an Instagram post of it scheduled for 12:00
    When someone looks at the media library
    Then "cat.jpg" is shown with a preview, used by that post
    When the clock reaches 12:00
    And someone looks at the media library
    Then "cat.jpg" is shown used by no post
