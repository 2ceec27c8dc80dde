"""The read models the services publish over HTTP: one definition each, which the services fill from their
projections and the gateway's GraphQL types are derived from (`gateway.schema.derive`)."""
