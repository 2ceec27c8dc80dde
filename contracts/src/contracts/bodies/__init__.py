"""The bodies the services' command routes take: one definition each, which the services validate and the
gateway's GraphQL inputs are derived from (`gateway.schema.derive`)."""
