"""The store build: bulk load every source graph into a new Oxigraph store, validate it with
SHACL, and swap it in atomically (``ess-graph build``)."""
