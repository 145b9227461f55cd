Feature: Telling people what happened, by Telegram and e-mail
  A post that fails at 3 a.m. or an account whose token was revoked should not wait in the API
  until someone looks. A person links their Telegram chat by sending the bot the one-time code
  shown on their settings page, and chooses which events reach them by Telegram and by e-mail
  (by default: failed posts, accounts that need reconnecting and webhooks turned off). Messages
  are short, in the person's language, and link to the post.

  Scenario: A failed post notifies its owner by Telegram
    Given Ann has linked her Telegram chat with the code from her settings page
    And Bob has linked his Telegram chat too
    When Ann's post 12 fails on Instagram because "the image is too small"
    Then Ann gets a Telegram message "Post #12 was not published on Instagram."
    And the message says "the image is too small" and links to the post's page
    And Bob gets no Telegram message

  Scenario: A reconnect-needed account notifies once, not once per post
    Given Ann has linked her Telegram chat with the code from her settings page
    When Ann's Pinterest account "shop" needs reconnecting, as 3 of its posts find out
    Then Ann gets exactly one Telegram message about it
    When she reconnects the account and later it needs reconnecting again
    Then Ann gets a second Telegram message about it

  Scenario: Telegram being down delays the message, and nothing else
    Given Ann has linked her Telegram chat with the code from her settings page
    And Telegram is down
    When Ann's post 12 fails on Instagram because "the image is too small"
    Then Ann has no Telegram message yet
    When Telegram is back a minute later
    Then Ann gets a Telegram message "Post #12 was not published on Instagram."

  Scenario: A code works once and only for a short while
    Given Ann took a code on her settings page
    When 15 minutes pass before she sends it to the bot
    Then her chat is not linked and the bot tells her to take a new code
