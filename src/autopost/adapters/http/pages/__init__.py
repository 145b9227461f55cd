"""The web pages under ``/accounts/``: server-rendered Jinja2, no scripts, the same use cases
as the API."""
