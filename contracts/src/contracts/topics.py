"""Kafka topics of the platform (docs/architecture.md)."""

from typing import Final

from contracts.services import NAMES

SERVICES: Final = NAMES  # every service publishes one topic


def service_topic(service: str) -> str:
    """The one topic a service publishes its events to."""
    return f"mieux.{service}.v1"


def dead_letter_topic(consumer: str) -> str:
    """Where a consumer parks messages it cannot read, with the reason in the headers."""
    return f"mieux.{consumer}.dlq"


REQUESTS: Final = service_topic("requests")
ACTIONS: Final = service_topic("actions")
EXPERTS: Final = service_topic("experts")
FEEDBACK: Final = service_topic("feedback")

# Which services each consuming service reads (its bootstrap's `consumed_topics`; a test keeps them equal).
# Each consumer has its own dead-letter topic.
CONSUMED_TOPICS: Final = {
    "actions": ("requests", "experts", "feedback"),
    "experts": ("actions", "requests"),  # the focal points of requests
    "feedback": ("actions", "experts"),
}
