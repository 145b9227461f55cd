"""Composition root: settings, the container, the CLI, the ASGI app and the worker."""
