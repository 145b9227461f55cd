"""Posts: scheduling, editing, cancelling, retrying and reading them."""
