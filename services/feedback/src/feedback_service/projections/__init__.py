"""projections of the feedback service."""
