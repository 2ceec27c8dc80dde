"""application of the feedback service."""
