"""The one key each key-checked service's emulator accepts. Well-known fakes, like the demo
tokens: printed at start and listed at ``/_sandbox/``."""

from __future__ import annotations

GEMINI_DEMO_KEY = "sandbox-gemini-key"
# Huntflow's prod and sandbox are two systems: a key of one is refused by the other.
HUNTFLOW_PROD_DEMO_KEY = "sandbox-huntflow-prod-key"
HUNTFLOW_SANDBOX_DEMO_KEY = "sandbox-huntflow-sandbox-key"
CLICKUP_DEMO_KEY = "sandbox-clickup-key"
NOTION_DEMO_KEY = "sandbox-notion-key"
