"""Application layer of the experts service: handlers, policies, queries, access."""
