"""Adapters of the experts service: SQL reads, personal data, what is known of activities."""
