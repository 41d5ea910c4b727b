"""Records, registry, curation and reference data turned into RDF quads."""
