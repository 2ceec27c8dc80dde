"""MIEUX actions service: an Action from the approved request to its completion."""
