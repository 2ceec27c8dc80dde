"""IATI 2.03 activity export: a projection of the stream, its XML, `GET /iati/activities.xml`, `make iati`."""
