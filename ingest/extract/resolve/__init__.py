"""Resolution of names found in documents to the graph's nodes (territories, …)."""
