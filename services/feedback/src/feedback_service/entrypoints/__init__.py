"""entrypoints of the feedback service."""
