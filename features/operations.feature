Feature: Knowing the instance is healthy
  An operator, or the load balancer in front of Autopost, asks whether it can do its work: its
  database answers and is up to date, its broker answers, and a worker is alive to publish.
  Each worker says it is alive every few seconds (its heartbeat); one silent for three
  heartbeats is taken for dead.

  Scenario: Ready only when a worker is alive
    Given the database and the broker answer
    And no worker has said it is alive
    Then Autopost is not ready, because of its workers
    When a worker says it is alive
    Then Autopost is ready

  Scenario: A worker silent for three heartbeats is taken for dead
    Given workers say they are alive every 15 seconds
    And a worker said it was alive at 12:00:00
    When the operator asks at 12:00:45
    Then Autopost is ready
    When the operator asks at 12:00:46
    Then Autopost is not ready, because of its workers
    And the status shows that worker as recently dead

  Scenario: Not ready until the database is migrated
    Given a worker is alive
    But the database is at an older schema
    Then Autopost is not ready, because of its database
    And it says to run "autopost migrate"

  Scenario: The operator sees what is due and what is late
    Given a post due at 11:50 is still not published
    And a post is due at 12:30
    And a post is due at 14:00
    When the operator asks at 12:00:00
    Then the status shows 1 publication due in the next hour and 1 overdue
