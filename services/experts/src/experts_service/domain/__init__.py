"""domain of the experts service."""
