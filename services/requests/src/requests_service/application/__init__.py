"""Application layer: one handler per command (one registry), access rules, queries."""
