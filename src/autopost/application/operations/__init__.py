"""Running the instance: worker heartbeats, readiness, status and the installation check."""
