"""France as a node of the reference geography: the régions are its direct subdivisions and
national figures hang on it."""

from __future__ import annotations

from pathlib import Path

from pyoxigraph import NamedNode

from ess_core.iris import Iris
from ess_core.namespaces import IGEO, OWL, RDF
from ingest.extract.layouts.figures import country_iri
from ingest.rdf.geography import geography_quads
from ingest.reference.country import COUNTRY_CODE, INSEE_COUNTRY
from ingest.reference.decoupage import REFERENCE_FILE
from ingest.reference.reader import load_reference

REPO = Path(__file__).resolve().parents[3]
BASE = "https://w3id.org/ess-hdf/"


def test_france_is_a_country_with_the_regions_below_it() -> None:
    ref = load_reference(REPO / "data" / "reference" / REFERENCE_FILE)
    france = NamedNode(f"{BASE}id/pays/{COUNTRY_CODE}")
    about = [q for q in geography_quads(ref, Iris(BASE)) if france in (q.subject, q.object)]
    triples = {(q.subject, q.predicate, q.object) for q in about}
    assert (france, RDF("type"), IGEO("Pays")) in triples
    assert (france, OWL("sameAs"), NamedNode(INSEE_COUNTRY)) in triples
    regions = {s for s, p, _ in triples if p == IGEO("subdivisionDirecteDe")}
    assert NamedNode(f"{BASE}id/region/32") in regions
    assert len(regions) == sum(1 for r in ref.regions.values() if r.zone != "com")


def test_country_iri_follows_the_base_of_any_territory() -> None:
    assert country_iri(f"{BASE}id/epci/245901160") == f"{BASE}id/pays/{COUNTRY_CODE}"
    assert country_iri("http://example.org/kg/id/region/32") == (
        f"http://example.org/kg/id/pays/{COUNTRY_CODE}"
    )
