"""Use cases: small classes with one ``execute``."""
