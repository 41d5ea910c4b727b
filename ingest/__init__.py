"""From documents to records to RDF to a built store: document registry, extraction, build."""
