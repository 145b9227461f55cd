"""Interfaces the use cases need, one per module, implemented in ``autopost.adapters``."""
