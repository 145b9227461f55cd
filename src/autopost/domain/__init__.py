"""Entities and rules. No I/O and no framework imports."""
