"""HTTP entrypoints of the experts service (thin: translate and delegate)."""
