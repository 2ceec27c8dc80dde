"""Projections of the actions service: read-model rows written in the append transaction."""
