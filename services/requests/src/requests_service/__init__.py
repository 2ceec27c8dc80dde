"""MIEUX requests service: requests for assistance from submission to the steering-group decision."""
