"""The Instagram strategy: its quota, its media container, and the call that publishes it."""
