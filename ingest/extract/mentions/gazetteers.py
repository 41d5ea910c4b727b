"""Gazetteers and lexicons the general rules match against, loaded once per data folder.

* ``data/reference/bodies.yaml``: national and regional bodies of the field (names of real
  bodies live there, never in code);
* ``data/reference/decoupage-administratif.jsonl.gz``: every commune, département, région and
  EPCI of France;
* ``ingest/extract/lexicons/*.yaml``: generic French words (role titles, link cues, location
  cues, heads of public bodies' names).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import yaml

from ess_core.iris import fold
from ingest.reference.reader import ReferenceError, load_reference

LEXICONS = Path(__file__).resolve().parents[1] / "lexicons"
BODIES_FILE = "bodies.yaml"
# a commune this populous is a town whose bare name the documents may write without a
# preposition ("Lille, Roubaix et Tourcoing")
TOWN_POPULATION = 5000


def lexicon(name: str) -> dict[str, Any]:
    """``ingest/extract/lexicons/<name>.yaml``."""
    return _lexicon(name)


@cache
def _lexicon(name: str) -> dict[str, Any]:
    data = yaml.safe_load((LEXICONS / f"{name}.yaml").read_text("utf-8"))
    return data if isinstance(data, dict) else {}


def place_key(name: str) -> str:
    """Comparable form of a place name: folded, apostrophes and hyphens as spaces.

    >>> place_key("Condé-sur-l\u2019Escaut")
    'conde sur l escaut'
    """
    return " ".join(re.sub(r"[-'’\s]+", " ", fold(name)).split())


@dataclass(frozen=True)
class Body:
    """A body of the field: its forms as written, corpus kind, and whether a region may
    qualify it."""

    forms: tuple[str, ...]
    kind: str
    regional: bool
    fold: bool = False


@dataclass(frozen=True)
class Gazetteers:
    """What the general rules look names up in."""

    bodies: tuple[Body, ...] = ()
    communes: frozenset[str] = frozenset()
    departements: frozenset[str] = frozenset()
    regions: frozenset[str] = frozenset()
    epcis: frozenset[str] = frozenset()
    # (name of a current région, names of its départements)
    region_parts: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # communes of at least TOWN_POPULATION inhabitants
    towns: frozenset[str] = frozenset()
    # commune key -> names of the départements holding a commune of that name
    commune_departements: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @cached_property
    def departements_of(self) -> dict[str, tuple[str, ...]]:
        """Commune key -> names of the départements with a commune of that name."""
        return dict(self.commune_departements)

    def is_territory(self, name: str) -> bool:
        key = place_key(name)
        return (
            key in self.communes
            or key in self.departements
            or key in self.regions
            or key in self.epcis
        )


def load_gazetteers(data_dir: Path) -> Gazetteers:
    """The gazetteers of ``data_dir`` (empty parts when a file is missing)."""
    return _load(data_dir.resolve())


@cache
def _load(data_dir: Path) -> Gazetteers:
    bodies: list[Body] = []
    path = data_dir / "reference" / BODIES_FILE
    if path.exists():
        raw = yaml.safe_load(path.read_text("utf-8")) or {}
        for item in raw.get("bodies") or []:
            bodies.append(
                Body(
                    tuple(item["names"]),
                    str(item.get("kind") or "autre"),
                    bool(item.get("regional")),
                    bool(item.get("fold")),
                )
            )
    former = lexicon("institutions").get("former_regions") or []
    communes: set[str] = set()
    departements: set[str] = set()
    regions = {place_key(r) for r in former}
    epcis: set[str] = set()
    region_parts: tuple[tuple[str, tuple[str, ...]], ...] = ()
    towns: set[str] = set()
    commune_departements: tuple[tuple[str, tuple[str, ...]], ...] = ()
    ref_path = data_dir / "reference" / "decoupage-administratif.jsonl.gz"
    if ref_path.exists():
        try:
            ref = load_reference(ref_path)
        except ReferenceError:
            ref = None
        if ref is not None:
            communes = {place_key(c.name) for c in ref.current_communes().values()}
            names = {d.code: d.name for d in ref.departements.values()}
            holders: dict[str, set[str]] = {}
            for c in ref.current_communes().values():
                if c.departement in names:
                    holders.setdefault(place_key(c.name), set()).add(names[c.departement])
            commune_departements = tuple(sorted((k, tuple(sorted(v))) for k, v in holders.items()))
            towns = {
                place_key(c.name)
                for c in ref.current_communes().values()
                if (c.population or 0) >= TOWN_POPULATION
            }
            departements = {place_key(d.name) for d in ref.departements.values()}
            regions |= {place_key(r.name) for r in ref.regions.values()}
            epcis = {place_key(e.name) for e in ref.epcis.values()}
            region_parts = tuple(
                (
                    r.name,
                    tuple(sorted(d.name for d in ref.departements.values() if d.region == r.code)),
                )
                for r in sorted(ref.regions.values(), key=lambda r: r.code)
            )
    return Gazetteers(
        tuple(bodies),
        frozenset(communes),
        frozenset(departements),
        frozenset(regions),
        frozenset(epcis),
        region_parts,
        frozenset(towns),
        commune_departements,
    )
