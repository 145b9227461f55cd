"""Publishing a scheduled post on its platform, exactly once and on time."""
