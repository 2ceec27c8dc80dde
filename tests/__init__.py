"""Repository-level test suites (e2e, faults, deploy) and the performance harness."""
