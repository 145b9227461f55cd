Feature: Publishing pins to Pinterest
  A Pinterest account is connected once; Autopost keeps its tokens fresh and its boards known,
  picks the board for a pin from its topic, and publishes the pin at its time through the same
  schedule as Instagram posts: on time, and never twice.

  Background:
    Given it is 11:55

  Scenario: Connecting an account stores its tokens sealed and learns its boards
    Given the Pinterest account has the boards "code, Python"
    When the Pinterest account is connected
    Then the account's tokens are stored encrypted with their expiry
    And the boards cache holds "Python, code"

  Scenario: A sign-in link works once
    Given a Pinterest sign-in was started
    When Pinterest sends the person back with that sign-in link
    And Pinterest sends the person back with that sign-in link again
    Then the second return is refused because the link "was already used"

  Scenario: A sign-in link expires
    Given a Pinterest sign-in was started
    And it is 12:30
    When Pinterest sends the person back with that sign-in link
    Then the return is refused because the link "has expired"

  Scenario: A token about to expire is renewed before publishing
    Given the Pinterest account has the boards "code"
    And the Pinterest account is connected
    And its access token expires at 12:10
    And a pin about "Python" scheduled for 12:00
    When the clock reaches 12:00
    Then the pin is on Pinterest exactly once
    And the account's tokens were renewed

  Scenario: A renewal that Pinterest refuses asks for the account to be reconnected
    Given the Pinterest account has the boards "code"
    And the Pinterest account is connected
    And its access token expires at 12:10
    And Pinterest will refuse to renew the token
    And a pin about "Python" scheduled for 12:00
    When the clock reaches 12:00
    Then the pin is "failed" with an error mentioning "reconnect the Pinterest account"
    And the Pinterest account needs to be reconnected

  Scenario: A pin about a topic goes to that topic's board
    Given the Pinterest account has the boards "code, Python"
    And the Pinterest account is connected
    When a pin about "python" is scheduled for 12:00
    Then the pin will go to the board "Python"

  Scenario: A pin about a topic without a board goes to the code board
    Given the Pinterest account has the boards "code, Python"
    And the Pinterest account is connected
    When a pin about "Rust" is scheduled for 12:00
    Then the pin will go to the board "code"

  Scenario: Without a code board the account's default board is used
    Given the Pinterest account has the boards "Python"
    And the Pinterest account is connected with the default board "555"
    When a pin about "Rust" is scheduled for 12:00
    Then the pin will go to the board id "555"

  Scenario: Without any fitting board the pin is refused, naming the boards there are
    Given the Pinterest account has the boards "Python, Go"
    And the Pinterest account is connected
    When a pin about "Rust" is scheduled for 12:00
    Then it is refused with a message about "Known boards: Go, Python"

  Scenario: When Pinterest lists no boards, the boards of the account's pins are used
    Given the Pinterest account has boards that its API does not list, with pins on "Python"
    When the Pinterest account is connected
    Then the boards cache holds "Python"
    And those boards were found in the account's pins

  Scenario: Boards can be given by hand
    Given the Pinterest account has the boards "code"
    And the Pinterest account is connected
    When the boards "JavaScript" are given by hand
    Then the boards cache holds "JavaScript, code"

  Scenario: A quiz pin gets its title and answers from the template, cut to Pinterest's limits
    Given the Pinterest account has the boards "code"
    And the Pinterest account is connected
    When a quiz pin about "Python" with the answers "1, 2, None" is scheduled for 12:00
    Then the pin's title is "Что вернет этот код Python?"
    And the pin's description lists the answers "1, 2, None"

  Scenario: A pin is published at its time with its link
    Given the Pinterest account has the boards "code"
    And the Pinterest account is connected
    And a pin about "Python" scheduled for 12:00
    When the clock reaches 12:00
    Then the pin is on Pinterest exactly once
    And the pin is "published" with its Pinterest link

  Scenario: A pin whose creation got no answer is not created again
    Given the Pinterest account has the boards "code"
    And the Pinterest account is connected
    And a pin about "Python" scheduled for 12:00
    And Pinterest will create the next pin but its answer will be lost
    When the clock reaches 12:05
    Then the pin is on Pinterest exactly once
    And the pin is "published" with its Pinterest link

  Scenario: A pin whose creation failed before reaching Pinterest is created on the next try
    Given the Pinterest account has the boards "code"
    And the Pinterest account is connected
    And a pin about "Python" scheduled for 12:00
    And Pinterest is unreachable for the next request
    When the clock reaches 12:05
    Then the pin is on Pinterest exactly once

  Scenario: A board that no longer exists fails the pin with a clear reason
    Given the Pinterest account has the boards "code"
    And the Pinterest account is connected
    And a pin about "Python" scheduled for 12:00
    And the board "code" has been deleted on Pinterest
    When the clock reaches 12:00
    Then the pin is "failed" with an error mentioning "no longer exists"

  Scenario: A pin about a topic that names a board's section goes into that section
    Given the Pinterest account has the boards "code, Python"
    And the board "code" has the sections "Rust, Go"
    And the Pinterest account is connected
    And a pin about "rust" scheduled for 12:00
    When the clock reaches 12:00
    Then the pin is on Pinterest exactly once
    And it went to the board "code", into its section "Rust"

  Scenario: A pin goes into the section picked for it, and its post names both
    Given the Pinterest account has the boards "code, Python"
    And the board "Python" has the sections "Decorators"
    And the Pinterest account is connected
    When a pin into the section "Decorators" is scheduled for 12:00
    Then the pin will go into the section "Decorators" of the board "Python"
    And the post names its board "Python" and its section "Decorators"

  Scenario: A section of another board is refused before anything is scheduled
    Given the Pinterest account has the boards "code, Python"
    And the board "Python" has the sections "Decorators"
    And the Pinterest account is connected
    When a pin on the board "code" into the section "Decorators" is scheduled for 12:00
    Then it is refused with a message about "is on board"

  Scenario: A multi-image pin is published with each of its images
    Given the Pinterest account has the boards "code"
    And the Pinterest account is connected
    And a multi-image pin of 3 images scheduled for 12:00
    When the clock reaches 12:00
    Then the pin is on Pinterest exactly once
    And Pinterest got its 3 images, each with its own title

  Scenario: A multi-image pin holds two to five images
    Given the Pinterest account has the boards "code"
    And the Pinterest account is connected
    When a multi-image pin of 6 images is scheduled for 12:00
    Then it is refused with a message about "A multi-image pin has 2 to 5 images."
