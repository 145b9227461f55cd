"""Dramatiq: the broker, the one actor that publishes, and the worker that runs it."""
