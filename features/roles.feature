Feature: What each role may do with posts and accounts
  Administrators may do everything; Publishers run the publishing; Contributors write posts
  and change only their own; Observers only look.

  Background:
    Given the Instagram account "17841400000000001" is connected

  Scenario: An observer cannot schedule a post
    Given Olga is an Observer
    When Olga schedules a photo for 12:00
    Then she is refused
    And no post is scheduled

  Scenario: A contributor schedules a post and changes it
    Given Carl is a Contributor
    When Carl schedules a photo for 12:00
    And Carl changes the caption of his post to "Better words"
    Then the post's caption is "Better words"

  Scenario: A contributor cannot change or cancel a colleague's post
    Given Paula is a Publisher
    And Carl is a Contributor
    And Paula has scheduled a photo for 12:00
    When Carl cancels Paula's post
    Then he is refused
    And Paula's post is still scheduled

  Scenario: A contributor cannot replace an account's token by sending one with a post
    Given Carl is a Contributor
    When Carl schedules a photo for 12:00 sending a new token for the account
    Then he is refused
    And no post is scheduled

  Scenario: A publisher cancels anyone's post
    Given Paula is a Publisher
    And Carl is a Contributor
    And Carl has scheduled a photo for 12:00
    When Paula cancels Carl's post
    Then Carl's post is cancelled
