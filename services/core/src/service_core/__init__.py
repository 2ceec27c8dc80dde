"""The event-sourcing runtime every MIEUX service is built on."""
