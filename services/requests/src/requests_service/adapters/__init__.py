"""Adapters: SQL views over the read model, and the personal-data table of focal points."""
