Feature: Connecting Instagram accounts
  An Instagram professional account is connected through Meta's consent page, with Facebook
  Login (the account is found through the Facebook Pages it is linked to) or with Instagram
  Login. Autopost keeps the long-lived token, refreshes it before it runs out where Instagram
  allows it, and asks for the account to be reconnected where it does not.

  Background:
    Given it is 11:00

  Scenario: Facebook Login connects every Instagram account linked to the granted Pages
    Given Meta will grant access to the Instagram accounts "quiz_team, quiz_team_es"
    When an Instagram connect with Facebook Login is started and Meta sends the person back
    Then the Instagram accounts "quiz_team, quiz_team_es" are connected with sealed tokens

  Scenario: Instagram Login connects the Instagram account itself
    Given Meta will grant access to the Instagram accounts "quiz_team"
    When an Instagram connect with Instagram Login is started and Meta sends the person back
    Then the Instagram accounts "quiz_team" are connected with sealed tokens

  Scenario: A sign-in link for Instagram works once
    Given Meta will grant access to the Instagram accounts "quiz_team"
    When an Instagram connect with Instagram Login is started and Meta sends the person back
    And Meta sends the person back with the same link again
    Then the second return is refused because the link "was already used"

  Scenario: Without a linked professional account nothing is connected, and the reason is given
    Given Meta will grant access to no Instagram account
    When an Instagram connect with Facebook Login is started and Meta sends the person back
    Then the return is refused because "No Instagram professional account"

  Scenario: An Instagram Login token is refreshed before its 60 days run out
    Given Meta will grant access to the Instagram accounts "quiz_team"
    And an Instagram connect with Instagram Login is started and Meta sends the person back
    When 55 days pass and the token job runs
    Then the token of "quiz_team" was refreshed

  Scenario: An expired Facebook Login token asks for the account to be reconnected
    Given Meta will grant access to the Instagram accounts "quiz_team"
    And an Instagram connect with Facebook Login is started and Meta sends the person back
    When 61 days pass and the token job runs
    Then "quiz_team" needs to be reconnected
