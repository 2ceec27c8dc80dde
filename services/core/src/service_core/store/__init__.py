from service_core.store.base import (
    ConcurrencyError,
    EventMetadata,
    EventStore,
    RecordedEvent,
    StoreTransaction,
)

__all__ = ["ConcurrencyError", "EventMetadata", "EventStore", "RecordedEvent", "StoreTransaction"]
