"""Entrypoints: the HTTP API (thin: translate, delegate)."""
