"""A reference downstream consumer of the MIEUX event stream, built only from the published contract."""
