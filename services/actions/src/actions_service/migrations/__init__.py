"""Numbered SQL migrations of the actions service (applied after the core's)."""
