"""The Pinterest strategy: a pin on the chosen board, never created twice."""
