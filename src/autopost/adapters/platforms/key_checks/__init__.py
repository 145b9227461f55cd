"""One ``IntegrationKeyChecker`` per service: its cheapest call that needs the key."""
