"""SQL migrations of the feedback service."""
