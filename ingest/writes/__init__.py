"""Writes through the service: one submission -> a validated new store version, swapped in.

The service (``graph_service.writes``) runs :mod:`ingest.writes.job` in a process of its own
for every accepted write; see that module for the steps and docs/ARCHITECTURE.md for why.
"""
