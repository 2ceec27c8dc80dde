"""Adapters of the actions service: SQL reads of the read models."""
