"""The pure domain of Actions: commands, state, `decide(state, command, now) -> events`, `evolve`."""
