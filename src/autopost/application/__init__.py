"""Use cases and the ports they call. Imports the domain, never a framework."""
