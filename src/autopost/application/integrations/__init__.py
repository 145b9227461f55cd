"""Stored secrets: platform credentials, integration keys and the key that encrypts them."""
