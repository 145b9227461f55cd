Feature: Signing in
  People sign in with their username or e-mail address and their password, or with Google.
  A browser stays signed in until it signs out. Repeated wrong passwords from one address lock
  that address for a while, so guessing gets nowhere. Repeated wrong passwords for one account
  refuse the addresses they came from and slow its sign-in down, but do not lock out its owner:
  knowing someone's name is not enough to keep them out.

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
    Then the sign-in is refused with "Имя пользователя или пароль указаны неверно"
    And no one is signed in

  Scenario: Someone guessing Ann's password does not lock Ann out
    Given someone failed 5 times to sign in as "ann" from another address
    When Ann signs in as "ann" with her password from her own address
    Then "ann" is signed in

  Scenario: An address that guessed wrong on a guarded account is refused even the right password
    Given someone failed to sign in as "ann" once from each of 5 other addresses
    When someone signs in as "ann" with Ann's password from one of those addresses
    Then the sign-in is refused with "Слишком много неудачных попыток войти; повторите позже"
    When 15 minutes pass
    And someone signs in as "ann" with Ann's password from one of those addresses
    Then "ann" is signed in

  Scenario: A guarded account's sign-in answers after a wait that grows with the guesses
    Given someone failed to sign in as "ann" once from each of 5 other addresses
    When Ann signs in as "ann" with her password from her own address
    Then "ann" is signed in after a wait of 1 second
    When someone fails to sign in as "ann" once from each of 2 more addresses
    And Ann signs in as "ann" with her password from her own address
    Then "ann" is signed in after a wait of 4 seconds

  Scenario: Guessing from one address locks that address for a while, whatever the account
    Given someone failed to sign in as 5 different people from one address
    When someone signs in as "ann" with Ann's password from that address
    Then the sign-in is refused with "Слишком много неудачных попыток войти; повторите позже"
    When Ann signs in as "ann" with her password from her own address
    Then "ann" is signed in
    When 15 minutes pass
    And someone signs in as "ann" with Ann's password from that address
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
    Then the sign-in is refused with "Google не подтвердил, что это ваш адрес почты"
    And no one has an account with the e-mail address "eve@example.com"
