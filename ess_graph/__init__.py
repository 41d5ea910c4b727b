"""The command line: the top layer, which drives ``ingest`` and ``graph_service``."""
