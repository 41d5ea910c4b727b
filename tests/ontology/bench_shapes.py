"""Time pyshacl on a synthetic graph shaped like the reference geography (~35,000 communes).

Run: ``.venv/bin/python tests/ontology/bench_shapes.py [n_communes]``. Prints triple counts and
the wall time of each pyshacl variant, so shape changes can be checked against the build budget.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from pyshacl import validate
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

ONTOLOGY_DIR = Path(__file__).resolve().parents[2] / "ontology"
BASE = "https://w3id.org/ess-hdf/"
ESS = Namespace(BASE + "ontology#")
IGEO = Namespace("http://rdf.insee.fr/def/geo#")
QB = Namespace("http://purl.org/linked-data/cube#")
SDMX_DIM = Namespace("http://purl.org/linked-data/sdmx/2009/dimension#")
SDMX_ATT = Namespace("http://purl.org/linked-data/sdmx/2009/attribute#")
SCHEMA = Namespace("https://schema.org/")
DCTERMS = Namespace("http://purl.org/dc/terms/")
T = TypeVar("T")


def synthetic_geography(n_communes: int) -> Graph:
    """Regions, departments, EPCI and ``n_communes`` communes, each with a population figure."""
    g = Graph()
    region = URIRef(BASE + "id/region/32")
    g.add((region, RDF.type, IGEO.Region))
    g.add((region, IGEO.codeINSEE, Literal("32")))
    g.add((region, IGEO.nom, Literal("Hauts-de-France", lang="fr")))
    g.add((region, SKOS.prefLabel, Literal("Hauts-de-France", lang="fr")))
    dataset = URIRef(BASE + "id/dataset/population-2021")
    g.add((dataset, RDF.type, QB.DataSet))
    g.add((dataset, DCTERMS.title, Literal("Populations légales 2021", lang="fr")))
    inhabitant = URIRef(BASE + "id/concept/unit/inhabitant")
    departements = [f"{d:02d}" for d in range(1, 96) if d != 20]
    for code in departements:
        dep = URIRef(BASE + f"id/departement/{code}")
        g.add((dep, RDF.type, IGEO.Departement))
        g.add((dep, IGEO.codeINSEE, Literal(code)))
        g.add((dep, IGEO.nom, Literal(f"Département {code}", lang="fr")))
        g.add((dep, SKOS.prefLabel, Literal(f"Département {code}", lang="fr")))
        g.add((dep, IGEO.subdivisionDirecteDe, region))
    n_epci = max(1, n_communes // 28)
    for i in range(n_epci):
        epci = URIRef(BASE + f"id/epci/{200000000 + i}")
        g.add((epci, RDF.type, IGEO.Intercommunalite))
        g.add((epci, IGEO.codeINSEE, Literal(str(200000000 + i))))
        g.add((epci, IGEO.nom, Literal(f"Communauté {i}", lang="fr")))
        g.add((epci, SKOS.prefLabel, Literal(f"Communauté {i}", lang="fr")))
    for i in range(n_communes):
        dep_code = departements[i % len(departements)]
        code = f"{dep_code}{i // len(departements) + 1:03d}"
        name = Literal(f"Commune {code}", lang="fr")
        commune = URIRef(BASE + f"id/commune/{code}")
        g.add((commune, RDF.type, IGEO.Commune))
        g.add((commune, IGEO.codeINSEE, Literal(code)))
        g.add((commune, IGEO.nom, name))
        g.add((commune, RDFS.label, name))
        g.add((commune, SKOS.prefLabel, name))
        g.add((commune, IGEO.subdivisionDirecteDe, URIRef(BASE + f"id/departement/{dep_code}")))
        g.add(
            (commune, IGEO.subdivisionDirecteDe, URIRef(BASE + f"id/epci/{200000000 + i % n_epci}"))
        )
        g.add((commune, SCHEMA.postalCode, Literal(f"{dep_code}{i % 1000:03d}")))
        obs = URIRef(BASE + f"id/observation/population-{code}-2021")
        g.add((obs, RDF.type, QB.Observation))
        g.add((obs, QB.dataSet, dataset))
        g.add((obs, SDMX_DIM.refArea, commune))
        g.add((obs, SDMX_DIM.refPeriod, Literal("2021", datatype=XSD.gYear)))
        g.add((obs, QB.measureType, ESS.population))
        g.add((obs, ESS.population, Literal(100 + i)))
        g.add((obs, SDMX_ATT.unitMeasure, inhabitant))
    return g


def timed(label: str, fn: Callable[[], T]) -> T:
    """Run ``fn``, print its wall time, return its result."""
    start = time.perf_counter()
    result = fn()
    print(f"{label}: {time.perf_counter() - start:.2f} s", flush=True)
    return result


def main(n_communes: int = 35_000) -> None:
    """Generate the synthetic graph and time the pyshacl variants the build may use."""
    shapes = Graph().parse(ONTOLOGY_DIR / "shapes.ttl")
    ontology = Graph().parse(ONTOLOGY_DIR / "ess.ttl")
    data = timed("generate", lambda: synthetic_geography(n_communes))
    print(f"data: {len(data)} triples, ontology: {len(ontology)} triples")
    data += ontology
    variants: dict[str, dict[str, Any]] = {
        "inference=none, inplace": {"inference": "none", "inplace": True},
        "inference=none, inplace, advanced": {
            "inference": "none",
            "inplace": True,
            "advanced": True,
        },
        "inference=none (copies the data graph)": {"inference": "none"},
    }
    for label, kwargs in variants.items():
        conforms, _, text = timed(label, partial(validate, data, shacl_graph=shapes, **kwargs))
        if not conforms:
            print(str(text)[:2000])


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 35_000)
