"""JSON Schemas of the committed data files (package data, read with importlib.resources)."""
