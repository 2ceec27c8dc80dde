"""adapters of the feedback service."""
