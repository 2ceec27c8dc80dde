"""The performance harness: `make bench` / `python -m tests.performance`."""
