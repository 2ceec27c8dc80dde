"""HTTP entrypoints of the actions service."""
