"""The Starlette app: REST API and authentication."""
