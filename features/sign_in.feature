Feature: Signing in
  People sign in with their username or e-mail address and their password, or with Google.
  A browser stays signed in until it signs out. Repeated wrong passwords lock the account for
  a while, so guessing gets nowhere.

  Background:
    Given Ann has an account with the username "ann" and the e-mail address "ann@example.com"

  Scenario: Signing in with the username
    When someone signs in as "ann" with Ann's password
    Then "ann" is signed in

  Scenario: Signing in with the e-mail address
    When someone signs in as "ANN@example.com" with Ann's password
    Then "ann" is signed in

  Scenario: A wrong password is refused
    When someone signs in as "ann" with the password "letmein"
    Then the sign-in is refused with "Неверное имя пользователя или пароль"
    And no one is signed in

  Scenario: Repeated failures lock the account for a while
    Given someone has tried the password "letmein" for "ann" 5 times
    When someone signs in as "ann" with Ann's password
    Then the sign-in is refused with "Слишком много неудачных попыток входа. Попробуйте позже"
    When 15 minutes pass
    And someone signs in as "ann" with Ann's password
    Then "ann" is signed in

  Scenario: Signing out ends the session
    Given someone has signed in as "ann" with Ann's password
    When that browser signs out
    Then its session no longer opens anything

  Scenario: Signing in with Google makes a newcomer an observer
    Given Google knows Boris Petrov by the verified address "boris@example.com"
    When Boris signs in with Google
    Then "boris" is signed in as an Observer

  Scenario: Signing in with Google finds the person with that e-mail address
    Given Google knows Ann Lee by the verified address "ann@example.com"
    When Ann signs in with Google
    Then "ann" is signed in

  Scenario: An unverified Google e-mail address is refused
    Given Google knows Eve by the address "eve@example.com" but has not verified it
    When Eve signs in with Google
    Then the sign-in is refused with "Google не подтвердил этот адрес электронной почты"
    And no one has an account with the e-mail address "eve@example.com"
