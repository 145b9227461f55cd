"""Benchmarks run on demand (``python -m benchmarks.<name>``), never collected by pytest."""
