"""The benchmark's generated graph (about 150k triples) and its query workload.

The generated graph has the project's shape: communes in departments (reference graph),
organisations with labels, kinds and locations, persons and dated memberships, spread over
ten document graphs. The first line of each query is a ``# label`` comment.
"""

from __future__ import annotations

import random
from pathlib import Path

import pyoxigraph as ox

from ingest.store.default_graph import with_default_graph

BASE = "https://w3id.org/ess-hdf/"
ESS = BASE + "ontology#"
ORG = "http://www.w3.org/ns/org#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
IGEO = "http://rdf.insee.fr/def/geo#"
FOAF = "http://xmlns.com/foaf/0.1/"
OWL = "http://www.w3.org/2002/07/owl#"
TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
DEPARTEMENTS = ("02", "59", "60", "62", "80")
PREFIXES = (
    f"PREFIX ess: <{ESS}> PREFIX org: <{ORG}> PREFIX skos: <{SKOS}> "
    f"PREFIX igeo: <{IGEO}> PREFIX foaf: <{FOAF}>\n"
)
JSON = "application/sparql-results+json"
NT = "application/n-triples"


def _n(local: str) -> ox.NamedNode:
    return ox.NamedNode(local if "://" in local else BASE + local)


def build_generated(
    path: Path,
    communes: int = 3800,
    orgs: int = 15000,
    persons: int = 5000,
    memberships: int = 8000,
) -> None:
    """Write the generated graph into a new store at ``path``."""
    rng = random.Random(42)  # noqa: S311 (reproducible data)
    geo = _n("graph/reference/geo")
    quads: list[ox.Quad] = []
    for d in DEPARTEMENTS:
        quads += [
            ox.Quad(_n(f"id/departement/{d}"), _n(TYPE), _n(IGEO + "Departement"), geo),
            ox.Quad(_n(f"id/departement/{d}"), _n(IGEO + "codeINSEE"), ox.Literal(d), geo),
        ]
    for i in range(communes):
        c, d = _n(f"id/commune/c{i}"), DEPARTEMENTS[i % len(DEPARTEMENTS)]
        quads += [
            ox.Quad(c, _n(TYPE), _n(IGEO + "Commune"), geo),
            ox.Quad(c, _n(IGEO + "nom"), ox.Literal(f"Commune {i}", language="fr"), geo),
            ox.Quad(c, _n(IGEO + "codeINSEE"), ox.Literal(f"{d}{i:03d}"), geo),
            ox.Quad(c, _n(ESS + "departement"), _n(f"id/departement/{d}"), geo),
            ox.Quad(c, _n(OWL + "sameAs"), _n(f"http://id.insee.fr/geo/commune/{i}"), geo),
        ]
    for i in range(orgs):
        o, g = _n(f"id/organisation/o{i}"), _n(f"graph/document/doc-{i % 10}")
        quads += [
            ox.Quad(o, _n(TYPE), _n(ORG + "Organization"), g),
            ox.Quad(o, _n(SKOS + "prefLabel"), ox.Literal(f"Organisation {i}", language="fr"), g),
            ox.Quad(o, _n(ORG + "classification"), _n(f"id/concept/kind/k{i % 12}"), g),
            ox.Quad(o, _n(ESS + "locatedIn"), _n(f"id/commune/c{rng.randrange(communes)}"), g),
            ox.Quad(o, _n(ESS + "sector"), _n(f"id/concept/sector/s{i % 20}"), g),
        ]
    for i in range(persons):
        p, g = _n(f"id/person/p{i}"), _n(f"graph/document/doc-{i % 10}")
        quads += [
            ox.Quad(p, _n(TYPE), _n(FOAF + "Person"), g),
            ox.Quad(p, _n(FOAF + "name"), ox.Literal(f"Personne {i}"), g),
        ]
    for i in range(memberships):
        m, g = _n(f"id/membership/m{i}"), _n(f"graph/document/doc-{i % 10}")
        quads += [
            ox.Quad(m, _n(TYPE), _n(ORG + "Membership"), g),
            ox.Quad(m, _n(ORG + "member"), _n(f"id/person/p{rng.randrange(persons)}"), g),
            ox.Quad(m, _n(ORG + "organization"), _n(f"id/organisation/o{rng.randrange(orgs)}"), g),
            ox.Quad(m, _n(ORG + "role"), _n(f"id/role/r{i % 8}"), g),
            ox.Quad(m, _n(ESS + "since"), ox.Literal(str(2000 + i % 25)), g),
        ]
    store = ox.Store(str(path))
    store.bulk_extend(with_default_graph(quads))  # the default graph as a build makes it
    store.optimize()
    store.flush()
    del store


def _first(store: ox.Store, query: str) -> list[str]:
    return [str(row[0].value) for row in store.query(query)]  # type: ignore[union-attr]


def mix(store: ox.Store, rng: random.Random, count: int) -> list[tuple[str, str]]:
    """``count`` queries of the mixed workload, in a fixed random order."""
    orgs = _first(store, f"SELECT ?o {{ ?o a <{ORG}Organization> }} LIMIT 2000")
    labels = _first(store, f"SELECT ?l {{ ?o <{SKOS}prefLabel> ?l }} LIMIT 2000")
    deps = _first(store, f"SELECT ?d {{ ?d a <{IGEO}Departement> }}") or [BASE]
    templates = [
        lambda: (f"# lookup\n{PREFIXES}SELECT ?p ?o WHERE {{ <{rng.choice(orgs)}> ?p ?o }}", JSON),
        lambda: (
            f"# label lookup\n{PREFIXES}SELECT ?o WHERE {{ ?o skos:prefLabel "
            f'"{rng.choice(labels)}"@fr }}',
            JSON,
        ),
        lambda: (
            f"# join department\n{PREFIXES}SELECT ?o ?l ?n WHERE {{ ?o ess:locatedIn ?c ;"
            f" skos:prefLabel ?l . ?c igeo:nom ?n ; ess:departement <{rng.choice(deps)}> }}"
            " LIMIT 500",
            JSON,
        ),
        lambda: (
            f"# join members\n{PREFIXES}SELECT ?m ?name ?role WHERE {{ ?m org:organization"
            f" ?o ; org:member ?p ; org:role ?role . ?p foaf:name ?name . ?o ess:locatedIn"
            f" ?c . ?c ess:departement <{rng.choice(deps)}> }} LIMIT 200",
            JSON,
        ),
        lambda: (
            f"# aggregate kinds\n{PREFIXES}SELECT ?k (COUNT(?o) AS ?n) WHERE {{ "
            "?o org:classification ?k } GROUP BY ?k ORDER BY DESC(?n)",
            JSON,
        ),
        lambda: (
            f"# aggregate departments\n{PREFIXES}SELECT ?d (COUNT(DISTINCT ?o) AS ?n) "
            "WHERE { ?o ess:locatedIn ?c . ?c ess:departement ?d } GROUP BY ?d",
            JSON,
        ),
        lambda: (
            f"# large select\n{PREFIXES}SELECT ?o ?l WHERE {{ ?o a org:Organization ; "
            "skos:prefLabel ?l }",
            JSON,
        ),
        lambda: (
            f"# construct\n{PREFIXES}CONSTRUCT {{ ?c igeo:nom ?n ; igeo:codeINSEE ?code }}"
            f" WHERE {{ ?c ess:departement <{rng.choice(deps)}> ; igeo:nom ?n ; "
            "igeo:codeINSEE ?code }",
            NT,
        ),
        lambda: (f"# ask\nASK {{ <{rng.choice(orgs)}> ?p ?o }}", JSON),
    ]
    return [templates[i % len(templates)]() for i in range(count)]


def tiny(store: ox.Store) -> dict[str, tuple[str, str]]:
    """The tiny queries whose median latency is compared."""
    entity = _first(store, f"SELECT ?o {{ ?o a <{ORG}Organization> }} LIMIT 1")[0]
    return {
        "ask": (f"ASK {{ <{entity}> ?p ?o }}", JSON),
        "lookup": (f"SELECT ?p ?o WHERE {{ <{entity}> ?p ?o }}", JSON),
    }


def memory_query() -> str:
    """A SELECT of one million rows (part of the product of two classes)."""
    return f"SELECT ?a ?b WHERE {{ ?a a <{ORG}Organization> . ?b a <{FOAF}Person> }} LIMIT 1000000"


SDMX = "http://purl.org/linked-data/sdmx/2009/dimension#"
PROJECT_PREFIXES = (
    f"PREFIX ess: <{ESS}> PREFIX org: <{ORG}> PREFIX skos: <{SKOS}> "
    f"PREFIX igeo: <{IGEO}> PREFIX sdmx: <{SDMX}> "
    "PREFIX oa: <http://www.w3.org/ns/oa#>\n"
)


def mix_project(store: ox.Store, rng: random.Random, count: int) -> list[tuple[str, str]]:
    """The mixed workload over the project's own graph (geography, observations, ESS)."""
    communes = _first(store, f"SELECT ?c {{ ?c a <{IGEO}Commune> }} LIMIT 5000")
    names = [
        str(row[0])
        for row in store.query(  # type: ignore[union-attr]
            f"SELECT ?n {{ ?c <{IGEO}nom> ?n }} LIMIT 3000"
        )
    ]
    deps = _first(store, f"SELECT ?d {{ ?d a <{IGEO}Departement> }}")
    hdf = [d for d in deps if d.rsplit("/", 1)[-1] in DEPARTEMENTS] or deps
    p = PROJECT_PREFIXES
    templates = [
        lambda: (f"# lookup\n{p}SELECT ?p ?o WHERE {{ <{rng.choice(communes)}> ?p ?o }}", JSON),
        lambda: (f"# label lookup\n{p}SELECT ?c WHERE {{ ?c igeo:nom {rng.choice(names)} }}", JSON),
        lambda: (
            f"# join department\n{p}SELECT ?c ?n ?pop WHERE {{ ?c igeo:subdivisionDirecteDe"
            f" <{rng.choice(hdf)}> ; igeo:nom ?n . ?o sdmx:refArea ?c ; ess:population ?pop"
            " }",
            JSON,
        ),
        lambda: (
            f"# join provenance\n{p}SELECT ?org ?label ?exact WHERE {{ ?org a "
            "org:Organization ; skos:prefLabel ?label . ?m oa:hasBody ?org ; oa:hasTarget"
            " ?t . ?t oa:hasSelector ?q . ?q oa:exact ?exact } LIMIT 500",
            JSON,
        ),
        lambda: (
            f"# aggregate classes\n{p}SELECT ?c (COUNT(?s) AS ?n) WHERE {{ ?s a ?c }} "
            "GROUP BY ?c ORDER BY DESC(?n)",
            JSON,
        ),
        lambda: (
            f"# aggregate departments\n{p}SELECT ?d (SUM(?pop) AS ?total) WHERE {{ "
            "?d a igeo:Departement . ?c igeo:subdivisionDirecteDe ?d . ?o sdmx:refArea ?c ;"
            " ess:population ?pop } GROUP BY ?d",
            JSON,
        ),
        lambda: (
            f"# large select\n{p}SELECT ?c ?n ?code WHERE {{ ?c a igeo:Commune ; igeo:nom"
            " ?n ; igeo:codeINSEE ?code }",
            JSON,
        ),
        lambda: (
            f"# construct\n{p}CONSTRUCT {{ ?c igeo:nom ?n ; igeo:codeINSEE ?code }} WHERE"
            f" {{ ?c igeo:subdivisionDirecteDe <{rng.choice(hdf)}> ; igeo:nom ?n ; "
            "igeo:codeINSEE ?code }",
            NT,
        ),
        lambda: (f"# ask\nASK {{ <{rng.choice(communes)}> ?p ?o }}", JSON),
    ]
    return [templates[i % len(templates)]() for i in range(count)]


def tiny_project(store: ox.Store) -> dict[str, tuple[str, str]]:
    """The tiny queries over the project's graph: one commune."""
    entity = _first(store, f'SELECT ?c {{ ?c <{IGEO}codeINSEE> "59350" }}')[0]
    return {
        "ask": (f"ASK {{ <{entity}> ?p ?o }}", JSON),
        "lookup": (f"SELECT ?p ?o WHERE {{ <{entity}> ?p ?o }}", JSON),
    }


def memory_query_project() -> str:
    """A SELECT of one million rows over the project's graph (observations x departments)."""
    return (
        f"SELECT ?o ?d WHERE {{ ?o a <http://purl.org/linked-data/cube#Observation> . "
        f"?d a <{IGEO}Departement> }} LIMIT 1000000"
    )
