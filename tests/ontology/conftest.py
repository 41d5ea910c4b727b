"""Fixtures of the ontology tests: the ontology and shapes graphs, parsed once per session."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

ONTOLOGY_DIR = Path(__file__).resolve().parents[2] / "ontology"
EXAMPLES_DIR = Path(__file__).resolve().parent / "examples"


@pytest.fixture(scope="session")
def ontology_graph() -> Graph:
    """``ontology/ess.ttl``."""
    return Graph().parse(ONTOLOGY_DIR / "ess.ttl", format="turtle")


@pytest.fixture(scope="session")
def shapes_graph() -> Graph:
    """``ontology/shapes.ttl``."""
    return Graph().parse(ONTOLOGY_DIR / "shapes.ttl", format="turtle")
