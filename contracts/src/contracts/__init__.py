"""The published language of the MIEUX platform: events, envelope, topics."""

from contracts.base import DomainEvent
from contracts.registry import EventRegistry, UnknownEventType

__all__ = ["DomainEvent", "EventRegistry", "UnknownEventType"]
