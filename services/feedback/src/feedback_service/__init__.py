"""MIEUX feedback service: participant, expert and partner feedback, completeness, periodic reviews."""
