"""httpx clients for the Instagram Graph API and Pinterest API v5."""
