Feature: Drafts and approval
  A post can be saved as a draft, with or without a time, and scheduled later: a draft is
  never published. Where approval is on (for every account, or for one account), a
  Contributor's post waits until a Publisher or an Administrator approves it, or sends it
  back with a comment; Publishers' and Administrators' own posts need no approval. Every step
  is written to the audit log.

  Background:
    Given an Instagram account whose Contributors' posts need approval
    And Carl is a Contributor
    And Paula is a Publisher

  Scenario: A draft is never published
    Given Paula has saved a photo as a draft for 12:00
    When the clock reaches 13:00
    Then the post is a draft
    And it is not on Instagram yet

  Scenario: A draft scheduled later is published at its time
    Given Paula has saved a photo as a draft without a time
    When Paula schedules the draft for 12:00
    And the clock reaches 12:01
    Then it is on Instagram exactly once, at 12:00

  Scenario: A contributor's post waits for approval
    When Carl schedules a photo for 12:00
    And the clock reaches 13:00
    Then the post is awaiting approval
    And it is not on Instagram yet

  Scenario: A publisher approves a contributor's post and it is published at its time
    Given Carl has scheduled a photo for 12:00
    When Paula approves the post
    And the clock reaches 12:01
    Then it is on Instagram exactly once, at 12:00

  Scenario: A post approved after its time is published at once
    Given Carl has scheduled a photo for 12:00
    And it is 12:30
    When Paula approves the post
    And the clock reaches 12:31
    Then it is on Instagram exactly once, at 12:30

  Scenario: A contributor cannot approve a post
    Given Carl has scheduled a photo for 12:00
    When Carl approves the post
    Then he is refused
    And the post is awaiting approval

  Scenario: A post sent back carries the reviewer's comment
    Given Carl has scheduled a photo for 12:00
    When Paula sends the post back saying "Use the square photo"
    And the clock reaches 13:00
    Then the post is returned with the comment "Use the square photo"
    And it is not on Instagram yet

  Scenario: A returned post goes back for approval once its author edits it
    Given Carl has scheduled a photo for 12:00
    And Paula has sent the post back saying "Use the square photo"
    When Carl changes the caption to "Square now"
    Then the post is awaiting approval

  Scenario: An approved post edited by a contributor needs approval again
    Given Carl has scheduled a photo for 12:00
    And Paula has approved the post
    When Carl changes the caption to "One more thing"
    And the clock reaches 13:00
    Then the post is awaiting approval
    And it is not on Instagram yet

  Scenario: A publisher's own post needs no approval
    When Paula schedules a photo for 12:00
    And the clock reaches 12:01
    Then it is on Instagram exactly once, at 12:00

  Scenario: On an account that needs no approval, a contributor's post is scheduled directly
    Given Paula no longer requires approval on the account
    When Carl schedules a photo for 12:00
    And the clock reaches 12:01
    Then it is on Instagram exactly once, at 12:00

  Scenario: Approval required for every account holds a contributor's post on any account
    Given Paula no longer requires approval on the account
    And approval is required for every account
    When Carl schedules a photo for 12:00
    Then the post is awaiting approval

  Scenario: Every step is in the audit log
    Given Carl has saved a photo as a draft for 12:00
    When Carl schedules the draft
    And Paula sends the post back saying "Shorter, please"
    And Carl changes the caption to "Short"
    And Paula approves the post
    Then the audit log of the post reads:
      | who   | what                   |
      | carl  | saved as a draft       |
      | carl  | submitted for approval |
      | paula | returned               |
      | carl  | changed                |
      | carl  | submitted for approval |
      | paula | approved               |
