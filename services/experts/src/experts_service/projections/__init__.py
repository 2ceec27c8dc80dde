"""projections of the experts service."""
