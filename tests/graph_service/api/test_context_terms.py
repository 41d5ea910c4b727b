"""Every term the published JSON-LD context maps into our vocabulary exists in the ontology."""

from __future__ import annotations

import json
import re
from pathlib import Path

from rdflib import Graph, URIRef

from graph_service.api.representation import context_document

ONTOLOGY = Path(__file__).resolve().parents[3] / "ontology" / "ess.ttl"
BASE = "https://w3id.org/ess-hdf/"


def test_context_terms_in_our_namespace_are_defined_by_the_ontology() -> None:
    ontology = Graph().parse(ONTOLOGY, format="turtle")
    used = set(re.findall(r'"ess:(\w+)"', json.dumps(context_document(BASE))))
    assert used, "the context maps no ess: term: the test reads the wrong thing"
    missing = {t for t in used if (URIRef(f"{BASE}ontology#{t}"), None, None) not in ontology}
    assert not missing
