"""Shared core of the ESS knowledge graph: settings, IRI minting and the command line."""
