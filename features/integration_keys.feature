Feature: Testing an integration key
  A signed-in person can check that a key works at its service before Autopost relies on it:
  the key they type, or else the one saved in their settings. The answer says whether the key
  works, and never shows the key.

  Background:
    Given a signed-in observer

  Scenario: A valid key is confirmed
    Given ClickUp accepts the key "pk_good"
    When they test the ClickUp key "pk_good"
    Then they are told "Ключ API ClickUp действует"
    And the answer does not show the key

  Scenario: A wrong key is reported
    When they test the Notion key "secret_wrong"
    Then they are told "Сервис не принял ключ API"
    And the answer does not show the key

  Scenario: With no key given, the saved one is tried
    Given they saved the Gemini key "AIza-saved" in their settings
    And Gemini accepts the key "AIza-saved"
    When they test their Gemini key without typing one
    Then they are told "Ключ API действует"
    And Gemini was asked about "AIza-saved"
    And the answer does not show the key

  Scenario: No key at all
    When they test their Gemini key without typing one
    Then they are told "Ключ API не передан"
    And Gemini was asked nothing

  Scenario: A service that does not answer is not blamed on the key
    Given Pinterest does not answer
    When they test the Pinterest key "pina_any"
    Then they are told "Сервис сейчас не отвечает; повторите позже"

  Scenario: Huntflow's sandbox key is tried at the sandbox
    Given they saved the Huntflow sandbox key "hf_sandbox" in their settings
    And Huntflow accepts the key "hf_sandbox"
    When they test their Huntflow sandbox key without typing one
    Then they are told "Ключ API Huntflow sandbox действует"

  Scenario: A key is sent only to Huntflow's own address
    Given they saved the Huntflow prod key "hf_prod" in their settings
    When they test their Huntflow prod key at "https://huntflow.attacker.example/"
    Then they are told to give Huntflow's production or sandbox address
    And Huntflow was asked nothing
