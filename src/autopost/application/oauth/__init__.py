"""What every OAuth flow Autopost starts has in common (connecting Instagram or Pinterest,
signing in with Google): the single-use ``state``, PKCE, and the refusal at the callback.
It knows none of the flows that use it; an import-linter contract keeps it so."""
