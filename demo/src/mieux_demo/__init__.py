"""The MIEUX demo portfolio (2009-2019), loaded through the services' HTTP command APIs: `python -m mieux_demo`."""
