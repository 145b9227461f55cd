"""Calling webhook receivers over HTTP (httpx), only at addresses that were checked."""
