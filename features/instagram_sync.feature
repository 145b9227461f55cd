Feature: Keeping a local copy of an Instagram account
  Autopost pulls an account's media into its database so they can be listed and commented on
  without asking Instagram each time. What Autopost published itself and what it finds on the
  account are the same post, not two copies.

  Background:
    Given it is 11:00
    And the Instagram account "17841400000000001" is connected

  Scenario: The first sync brings every media, page after page
    Given the account has 250 media on Instagram
    When the account is synced
    Then 250 media are stored
    And 3 pages were read

  Scenario: Syncing again changes nothing and reads only the newest page
    Given the account has 250 media on Instagram
    And the account was synced
    When the account is synced
    Then 250 media are stored
    And 1 page was read
    And nothing was new or changed

  Scenario: A new media is picked up by the next sync
    Given the account has 250 media on Instagram
    And the account was synced
    And a new media is posted on Instagram
    When the account is synced
    Then 251 media are stored
    And 1 media was new or changed

  Scenario: A media deleted on Instagram is marked deleted by a full sync
    Given the account has 250 media on Instagram
    And the account was synced
    And one of the media is deleted on Instagram
    When the account is fully synced
    Then 249 media are listed
    And 1 media is marked deleted

  Scenario: A post Autopost published is recognised when the account is synced
    Given a photo post scheduled for 11:30
    And the clock reached 11:30
    And the account has 10 media on Instagram, among them the published post
    When the account is synced
    Then the published post's media is linked to its post
    And 9 media are listed as synced

  Scenario: Listing pages through the media newest first, unaffected by new arrivals
    Given the account has 25 media on Instagram
    And the account was synced
    When the first 10 media are listed
    And a new media is posted on Instagram
    And the account is synced
    And the next 10 media are listed
    Then the two pages hold 20 different media, newest first

  Scenario: A sync gets through an Instagram that fails now and then
    Given the account has 2000 media on Instagram
    And one call to Instagram in ten fails and another is refused for a rate limit
    When the account is fully synced
    Then the sync finished
    And 2000 media are stored, each once
    And calls that failed were tried again after a pause

  Scenario: A sync that Instagram stops part way is finished by the next one
    Given the account has 250 media on Instagram
    And Instagram keeps failing after the first page
    When the account is synced
    Then the sync stopped part way, keeping 100 media
    When Instagram answers again
    And the account is synced
    Then the sync finished, going on from where the last one stopped
    And 250 media are stored, each once
    And 2 pages were read
