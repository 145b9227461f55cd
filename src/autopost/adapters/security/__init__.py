"""Password hashing, encryption of secrets at rest, and the system clock."""
