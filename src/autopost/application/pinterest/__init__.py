"""Pinterest accounts: connecting them, their tokens and their boards."""
