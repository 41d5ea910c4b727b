"""The bottom layer, shared by ``ingest`` and ``graph_service``; it imports neither.

Settings, IRI minting, the vocabularies' namespaces, the store layout contract (what lies
beside a built store) and the error classes.
"""
