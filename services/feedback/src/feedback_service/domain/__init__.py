"""domain of the feedback service."""
