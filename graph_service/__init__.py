"""HTTP service over the ESS graph: SPARQL 1.1 endpoint, REST layer, linked-data pages."""
