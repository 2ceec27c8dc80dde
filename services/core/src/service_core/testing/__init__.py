"""Test support: the backends (embedded, external, containers) and per-test databases and topics; helpers the
services' tests share: development tokens and an in-process client (`http`), reading a topic back and running
a relay onto it (`kafka`), waiting for background work (`waiting`)."""
