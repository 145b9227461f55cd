Feature: Files every machine finds
  The media library's files are kept on the disk of the machine that took them, or, when a
  bucket is set, in S3-compatible storage that every machine reaches. A deployment whose API
  and workers run on different machines keeps them in a bucket: the worker that sends a post
  to the platform must read the file the API saved. Whatever keeps them, a file is kept whole
  or not at all.

  Background:
    Given the media library keeps its files in a bucket

  Scenario: A file uploaded on one machine is opened and deleted on another
    When a person uploads the photo "cat.jpg" on the API's machine
    Then the worker's machine opens it through its signed link
    When the person deletes it on the worker's machine
    Then the bucket is empty

  Scenario: A video past the size limit leaves nothing in the bucket
    Given files larger than 10 MiB are refused
    When a person uploads a video of 20 MiB
    Then the upload is refused as too large
    And the bucket is empty

  Scenario: The check says when the bucket cannot be reached
    Given the bucket does not exist
    When the operator runs the check
    Then it names the media storage as a problem, saying which settings to check
