"""Storage backends: where queries are evaluated (embedded Oxigraph or a remote SPARQL store)."""
