"""Test support: the backends (embedded, external, containers) and per-test databases and topics."""
