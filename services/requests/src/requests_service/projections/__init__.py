"""Projections of the requests service: read-model rows written in the append transaction."""
