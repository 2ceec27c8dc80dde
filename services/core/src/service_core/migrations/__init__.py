"""Migrations shared by every service database (event store, inbox, relay checkpoint)."""
