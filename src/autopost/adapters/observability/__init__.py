"""What the operators see: Prometheus metrics, the log lines' format and their context."""
