"""People: users, groups, sign-in, sessions, API tokens and the audit log."""
