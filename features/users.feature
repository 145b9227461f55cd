Feature: People and their roles
  Administrators add people and give them roles; everyone else sees and changes only
  themselves. A password is checked when it is set, and changing it signs out everywhere
  else. Integration keys are kept encrypted and never shown again.

  Background:
    Given an administrator is signed in

  Scenario: A new user is an observer
    Given the administrator has scheduled a post
    When the administrator adds "olga" with a good password typed twice
    Then "olga" is an Observer
    And "olga" may read posts but not change them

  Scenario: The passwords must match
    When the administrator adds "olga" with two different passwords
    Then the addition is refused because "Введённые пароли различаются"
    And there is no user "olga"

  Scenario: A weak password is refused, in Russian unless English is asked for
    When the administrator adds "olga" with the password "12345678"
    Then the addition is refused because "Такой пароль слишком легко подобрать."
    And in English the reason reads "This password is too easy to guess."

  Scenario: Changing the password signs out the other sessions and tokens
    Given "olga" is signed in on a laptop, a phone and with an API token
    When "olga" changes her password on the laptop
    Then "olga" is still signed in on the laptop
    And the phone and the API token are signed out
    And the administrator sees that "olga" changed her password

  Scenario: A saved key is shown masked and never returned
    Given "olga" is a user
    When "olga" saves the Gemini key "AIzaSy-olga-secret"
    Then her settings show the Gemini key as "***"
    And the key is stored encrypted
    And the administrator's audit log names the Gemini key but not its value

  Scenario: An administrator assigns a role
    Given "olga" is a user
    And the administrator has scheduled a post
    When the administrator makes "olga" a Publisher
    Then "olga" may change any post

  Scenario: Someone who is not an administrator cannot list users
    Given "olga" is a user
    When "olga" asks for the list of users
    Then she is refused
