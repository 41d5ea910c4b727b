"""Resolve territory names found in documents to the official geography and curated areas.

Matching is accent-, case-, hyphen- and article-insensitive ("Conde sur l'Escaut" finds
Condé-sur-Escaut) and knows the EPCI kinds ("Communauté d'agglomération" = "CA"). Every alias
is derived from the official names by rule, never listed by hand:

* communes, arrondissements municipaux, départements, régions: their official name; the names
  of communes déléguées / associées lead to their current commune (lower score);
* EPCI: the official name, the name without its kind ("Valenciennes Métropole"), and the
  acronym made of the kind and the initials of the name's significant words (CAVM, CABBALR,
  MEL), matched only when the text is written in capitals;
* curated areas (``data/curation/areas.yaml``): their name and aliases;
* communes' short names (``data/reference/place-names.yaml``: "Bruay"), scored lower.

A département (code or name) breaks ties between homonyms; unknown names may still match
approximately (rapidfuzz), with a lower score.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from rapidfuzz import fuzz, process

from ess_core.iris import fold
from ess_core.settings import DEFAULT_BASE_IRI, Settings
from ingest.reference.areas import Area, areas_path, load_areas
from ingest.reference.place_names import PlaceNames, load_place_names, place_names_path
from ingest.reference.reader import Reference, load_reference, reference_path

TerritoryKind = Literal[
    "commune", "arrondissement-municipal", "epci", "departement", "region", "area"
]
_IRI_KIND = {"arrondissement-municipal": "commune"}
_WORD = re.compile(r"[a-z0-9]+")
_STOPWORDS = frozenset(
    {"l", "le", "la", "les", "de", "du", "des", "d", "et", "a", "au", "aux", "en"}
)
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "agglo": "agglomeration"}
# Kind phrases (as folded words without stopwords) -> the kind's short code.
_KIND_PHRASES = (
    (("communaute", "agglomeration"), "ca"),
    (("communaute", "communes"), "cc"),
    (("communaute", "urbaine"), "cu"),
)
_KIND_CODES = frozenset({"ca", "cc", "cu"})
_ACRONYM = re.compile(r"[A-Z]{2,10}")

# Scores of the kinds of aliases (an exact official name scores 1).
OFFICIAL, AREA_ALIAS, SHORT_NAME, ACRONYM, FORMER_COMMUNE = 1.0, 0.95, 0.95, 0.9, 0.85
FUZZY_FACTOR, FUZZY_CUTOFF, OTHER_DEPARTEMENT = 0.9, 90.0, 0.6


def words(text: str) -> list[str]:
    """Significant words of ``text``: folded, abbreviations expanded, kind phrases shortened,
    articles and prepositions dropped.

    >>> words("Communauté d'Agglomération de Valenciennes Métropole")
    ['ca', 'valenciennes', 'metropole']
    >>> words("Condé-sur-l'Escaut")
    ['conde', 'sur', 'escaut']
    """
    raw = [_ABBREVIATIONS.get(w, w) for w in _WORD.findall(fold(text))]
    kept = [w for w in raw if w not in _STOPWORDS]
    out: list[str] = []
    i = 0
    while i < len(kept):
        for phrase, code in _KIND_PHRASES:
            if tuple(kept[i : i + len(phrase)]) == phrase:
                out.append(code)
                i += len(phrase)
                break
        else:
            out.append(kept[i])
            i += 1
    return out


def name_key(text: str) -> str:
    """Matching key of a name: its significant words joined by spaces."""
    return " ".join(words(text))


def acronym(name: str) -> str | None:
    """Acronym of an EPCI name: its kind code and the initials of its other words.

    >>> acronym("CA de Béthune-Bruay, Artois-Lys Romane")
    'CABBALR'
    >>> acronym("Métropole Européenne de Lille")
    'MEL'
    """
    ws = words(name)
    if len(ws) < 2:
        return None
    head = ws[0] if ws[0] in _KIND_CODES else ws[0][0]
    return (head + "".join(w[0] for w in ws[1:])).upper()


@dataclass(frozen=True, slots=True)
class TerritoryMatch:
    """A candidate node for a name: IRI, kind, official code and name, score in (0, 1]."""

    iri: str
    kind: TerritoryKind
    code: str
    name: str
    score: float
    departements: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class _Entry:
    kind: TerritoryKind
    code: str
    name: str
    departements: frozenset[str]
    weight: float
    population: int


class TerritoryResolver:
    """Name -> territory nodes, built from the reference file (and the curated areas)."""

    def __init__(self, base_iri: str = DEFAULT_BASE_IRI) -> None:
        self.base_iri = base_iri
        self._by_key: dict[str, list[_Entry]] = defaultdict(list)
        self._by_acronym: dict[str, list[_Entry]] = defaultdict(list)
        self._departement_codes: dict[str, str] = {}
        self._regions: dict[str, str] = {}
        self._keys: list[str] = []

    @classmethod
    def from_reference(
        cls,
        path: Path,
        *,
        areas: Path | None = None,
        names: Path | None = None,
        base_iri: str = DEFAULT_BASE_IRI,
    ) -> TerritoryResolver:
        """A resolver over the reference file at ``path`` and, if given, the areas file and
        the other names of places (``place-names.yaml``: communes' short names)."""
        resolver = cls(base_iri)
        ref = load_reference(path)
        resolver._add_reference(ref)
        if areas is not None:
            resolver._add_areas(load_areas(areas), ref)
        if names is not None:
            resolver._add_short_names(load_place_names(names), ref)
        resolver._keys = sorted(resolver._by_key)
        return resolver

    @classmethod
    def from_settings(cls, settings: Settings) -> TerritoryResolver:
        """A resolver over the committed reference file, curated areas and place names."""
        return cls.from_reference(
            reference_path(settings),
            areas=areas_path(settings),
            names=place_names_path(settings.data_dir),
            base_iri=settings.base_iri,
        )

    def region_of(self, departement: str) -> str | None:
        """The code of the région of the département ``departement`` (a code)."""
        return self._regions.get(departement)

    def _add(self, name: str, entry: _Entry) -> None:
        key = name_key(name)
        if key and entry not in self._by_key[key]:
            self._by_key[key].append(entry)

    def _add_reference(self, ref: Reference) -> None:
        current = ref.current_communes()
        for c in ref.communes:
            if c.zone == "com":
                continue  # overseas collectivities are not in the graph (see ingest.rdf.geography)
            if c.type == "commune-actuelle" or c.type == "arrondissement-municipal":
                kind: TerritoryKind = "commune" if c.is_current else "arrondissement-municipal"
                self._add(
                    c.name,
                    _Entry(
                        kind,
                        c.code,
                        c.name,
                        frozenset({c.departement}),
                        OFFICIAL,
                        c.population or 0,
                    ),
                )
            elif c.parent in current:
                parent = current[c.parent]
                self._add(
                    c.name,
                    _Entry(
                        "commune",
                        parent.code,
                        parent.name,
                        frozenset({parent.departement}),
                        FORMER_COMMUNE,
                        parent.population or 0,
                    ),
                )
        departements = [d for d in ref.departements.values() if d.zone != "com"]
        self._regions.update({d.code: d.region for d in departements})
        for d in departements:
            self._departement_codes[name_key(d.name)] = d.code
            self._add(
                d.name, _Entry("departement", d.code, d.name, frozenset({d.code}), OFFICIAL, 0)
            )
        by_region: dict[str, set[str]] = defaultdict(set)
        for d in departements:
            by_region[d.region].add(d.code)
        for r in ref.regions.values():
            if r.zone == "com":
                continue
            self._add(
                r.name, _Entry("region", r.code, r.name, frozenset(by_region[r.code]), OFFICIAL, 0)
            )
        for e in ref.epcis.values():
            deps = frozenset(current[m].departement for m in e.members if m in current)
            official = _Entry("epci", e.siren, e.name, deps, OFFICIAL, e.population or 0)
            self._add(e.name, official)
            ws = words(e.name)
            if len(ws) > 1 and ws[0] in _KIND_CODES:
                self._add(
                    " ".join(ws[1:]),
                    _Entry("epci", e.siren, e.name, deps, SHORT_NAME, e.population or 0),
                )
            short = acronym(e.name)
            if short:
                self._by_acronym[short].append(
                    _Entry("epci", e.siren, e.name, deps, ACRONYM, e.population or 0)
                )

    def _add_areas(self, areas: Iterable[Area], ref: Reference) -> None:
        current = ref.current_communes()
        for area in areas:
            deps: set[str] = set()
            for link in area.links:
                kind, _, code = link.target.partition("/")
                if kind == "commune" and code in current:
                    deps.add(current[code].departement)
                elif kind == "epci" and code in ref.epcis:
                    deps.update(
                        current[m].departement for m in ref.epcis[code].members if m in current
                    )
                elif kind == "departement":
                    deps.add(code)
            self._add(area.name, _Entry("area", area.id, area.name, frozenset(deps), OFFICIAL, 0))
            for alias in area.aliases:
                self._add(alias, _Entry("area", area.id, area.name, frozenset(deps), AREA_ALIAS, 0))

    def _add_short_names(self, names: PlaceNames, ref: Reference) -> None:
        current = ref.current_communes()
        for short, codes in names.short_names:
            for code in codes:
                if (c := current.get(code)) is not None:
                    entry = _Entry(
                        "commune",
                        c.code,
                        c.name,
                        frozenset({c.departement}),
                        SHORT_NAME,
                        c.population or 0,
                    )
                    self._add(short, entry)

    def _departement(self, departement: str | None) -> str | None:
        if departement is None:
            return None
        code = departement.strip().upper()
        if code in self._departement_codes.values():
            return code
        return self._departement_codes.get(name_key(departement), code)

    def _candidates(self, name: str) -> list[tuple[_Entry, float]]:
        text = name.strip().replace(".", "")
        found = [(e, e.weight) for e in self._by_acronym.get(text, ()) if _ACRONYM.fullmatch(text)]
        key = name_key(name)
        if not key:
            return found
        exact = self._by_key.get(key)
        if exact:
            return found + [(e, e.weight) for e in exact]
        for other, ratio, _ in process.extract(
            key, self._keys, scorer=fuzz.ratio, limit=5, score_cutoff=FUZZY_CUTOFF
        ):
            found += [(e, e.weight * FUZZY_FACTOR * ratio / 100) for e in self._by_key[other]]
        return found

    def resolve(
        self, name: str, *, departement: str | None = None, kind: TerritoryKind | None = None
    ) -> list[TerritoryMatch]:
        """Candidates for ``name``, best first (ties: larger population, then IRI)."""
        dep = self._departement(departement)
        best: dict[str, tuple[float, _Entry]] = {}
        for entry, weight in self._candidates(name):
            if kind is not None and entry.kind != kind:
                continue
            score = (
                weight if dep is None or dep in entry.departements else (weight * OTHER_DEPARTEMENT)
            )
            iri = self._iri(entry)
            if iri not in best or score > best[iri][0]:
                best[iri] = (score, entry)
        ranked = sorted(
            best.items(), key=lambda item: (-item[1][0], -item[1][1].population, item[0])
        )
        return [
            TerritoryMatch(iri, e.kind, e.code, e.name, round(score, 4), e.departements)
            for iri, (score, e) in ranked
        ]

    def _iri(self, entry: _Entry) -> str:
        return f"{self.base_iri}id/{_IRI_KIND.get(entry.kind, entry.kind)}/{entry.code}"
