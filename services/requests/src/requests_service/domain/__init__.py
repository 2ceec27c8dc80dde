"""The pure domain of requests: commands, state, `decide(state, command, now) -> events`, `evolve`."""
