"""Gazetteers and lexicons the general rules match against, loaded once per data folder.

* ``data/reference/bodies.yaml``: national and regional bodies of the field (names of real
  bodies live there, never in code);
* ``data/reference/decoupage-administratif.jsonl.gz``: every commune, département, région and
  EPCI of France;
* ``data/reference/place-names.yaml`` and ``data/curation/areas.yaml``: other names of places
  (communes' short names, areas);
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
from ingest.extract.mentions.phrases import PhraseLexicon
from ingest.extract.mentions.place_matcher import PlaceEntry, PlaceMatcher, name_words
from ingest.reference.areas import AreasError, load_areas
from ingest.reference.place_names import PlaceNamesError, load_place_names, place_names_path
from ingest.reference.reader import Reference, ReferenceError, load_reference

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
    # a name only with a region or département after it ("Initiative Somme", not "Initiative")
    qualified: bool = False


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
    # every place name of the data, for :attr:`place_matcher`
    place_entries: tuple[PlaceEntry, ...] = ()

    @cached_property
    def place_matcher(self) -> PlaceMatcher:
        """All the place names of France (and the areas), matched at once."""
        return PlaceMatcher(self.place_entries)

    @cached_property
    def body_lexicon(self) -> PhraseLexicon:
        """The forms of the bodies' names in one phrase matcher (span group ``bodies``); the
        value of a form is its body's index in :attr:`bodies`."""
        return PhraseLexicon("bodies", ((f, i) for i, b in enumerate(self.bodies) for f in b.forms))

    @cached_property
    def _key_lexicon(self) -> PhraseLexicon:
        """The comparable forms (:func:`place_key`) of the communes', départements', régions'
        and EPCI's names whose words the place matcher does not hold ("coeuvres et valsery"
        for "Cœuvres-et-Valsery"), in a phrase matcher (span group ``territory_keys``)."""
        held = set(self.place_matcher.entries)
        keys = self.communes | self.departements | self.regions | self.epcis
        return PhraseLexicon(
            "territory_keys", ((k, 0) for k in sorted(keys) if " ".join(name_words(k)) not in held)
        )

    def territory_ends(self, text: str) -> dict[int, frozenset[int]]:
        """start -> ends of the spans of ``text`` that may name a territory: the place
        matcher's spans (span group ``places``) and those of the names' comparable forms."""
        places = self.place_matcher.lexicon.ends_at(text)
        extra = self._key_lexicon.ends_at(text)
        if not extra:
            return places
        merged = dict(places)
        for start, ends in extra.items():
            merged[start] = merged.get(start, frozenset()) | ends
        return merged

    def known(self, follows: str) -> frozenset[str] | None:
        """The comparable forms of the names of one kind of territory (None for another
        kind)."""
        return {
            "departement": self.departements,
            "region": self.regions,
            "commune": self.communes,
        }.get(follows)

    def kinds_of(self, name: str) -> frozenset[str]:
        """The kinds of the places named ``name`` (commune, epci, departement…)."""
        entries = self.place_matcher.entries.get(" ".join(name_words(name)), ())
        return frozenset(e.kind for e in entries)

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
                    bool(item.get("regional") or item.get("qualified")),
                    bool(item.get("fold")),
                    bool(item.get("qualified")),
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
    entries: list[PlaceEntry] = [PlaceEntry(r, "former-region") for r in former]
    entries += _other_names(data_dir)
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
            entries += _reference_entries(ref, data_dir)
    return Gazetteers(
        tuple(bodies),
        frozenset(communes),
        frozenset(departements),
        frozenset(regions),
        frozenset(epcis),
        region_parts,
        frozenset(towns),
        commune_departements,
        tuple(entries),
    )


def _reference_entries(ref: Reference, data_dir: Path) -> list[PlaceEntry]:
    """The communes, départements, régions and EPCI of the reference file, and the communes'
    short names of ``place-names.yaml``."""
    current = ref.current_communes()
    out = [
        PlaceEntry(c.name, "commune", c.population or 0, c.departement, c.region)
        for c in current.values()
    ]
    out += [
        PlaceEntry(d.name, "departement", 0, d.code, d.region) for d in ref.departements.values()
    ]
    out += [PlaceEntry(r.name, "region", 0, "", r.code) for r in ref.regions.values()]
    for e in ref.epcis.values():
        out.append(PlaceEntry(e.name, "epci", e.population or 0))
        # "CA Valenciennes Métropole" is named "Valenciennes Métropole"
        short = _EPCI_KIND.sub("", e.name)
        if short != e.name:
            out.append(PlaceEntry(short, "epci", e.population or 0))
    try:
        names = load_place_names(place_names_path(data_dir))
    except PlaceNamesError:
        return out
    for short, codes in names.short_names:
        out += [
            PlaceEntry(short, "commune", c.population or 0, c.departement, c.region)
            for code in codes
            if (c := current.get(code)) is not None
        ]
    return out


def _other_names(data_dir: Path) -> list[PlaceEntry]:
    """The areas: curated ones (their names and aliases, without a leading article) and the
    names of ``place-names.yaml``."""
    out: list[PlaceEntry] = []
    try:
        areas = load_areas(data_dir / "curation" / "areas.yaml")
    except (AreasError, OSError):
        areas = []
    for area in areas:
        for name in (area.name, *area.aliases):
            out.append(PlaceEntry(_ARTICLE.sub("", name), "area"))
    try:
        out += [PlaceEntry(n, "area") for n in load_place_names(place_names_path(data_dir)).areas]
    except PlaceNamesError:
        pass
    return out


_EPCI_KIND = re.compile(r"^C[ACU] (?:de la |de l['’]|du |des |de |d['’])?")
_ARTICLE = re.compile(r"^(?:l['’]|le |la |les )", re.IGNORECASE)
