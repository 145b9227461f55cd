"""Instagram accounts: connecting them, syncing their media and comments."""
