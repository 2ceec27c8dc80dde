"""MIEUX experts service: the roster (EAR), matching, deployments and evaluations (EMM)."""
