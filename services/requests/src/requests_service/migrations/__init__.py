"""Numbered SQL migrations of the requests service (applied after the core's)."""
