"""Webhooks: endpoints people register, the events handed to them, each delivery tried,
signed, recorded and retried by the worker."""
