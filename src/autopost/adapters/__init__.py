"""Implementations of the application ports: databases, platforms, the broker, the web."""
