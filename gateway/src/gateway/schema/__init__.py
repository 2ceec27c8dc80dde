"""The GraphQL schema of the gateway."""
