from pytest_bdd import scenarios

scenarios("publishing.feature")
