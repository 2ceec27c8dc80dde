"""Numbered SQL migrations of the experts service (applied after the core's)."""
