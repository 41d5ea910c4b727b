"""Read the committed reference file into typed records (no network, no npm)."""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ess_core.settings import Settings
from ingest.reference.decoupage import REFERENCE_FILE


class ReferenceError(ValueError):
    """The reference file is missing or malformed; the message names the file."""


@dataclass(frozen=True, slots=True)
class Region:
    code: str
    name: str
    zone: str


@dataclass(frozen=True, slots=True)
class Departement:
    code: str
    name: str
    region: str
    zone: str


@dataclass(frozen=True, slots=True)
class Commune:
    """A COG commune entry: ``type`` is commune-actuelle, arrondissement-municipal,
    commune-deleguee or commune-associee; ``parent`` is the current commune of the last three."""

    code: str
    name: str
    type: str
    departement: str
    region: str
    zone: str
    parent: str | None = None
    postal_codes: tuple[str, ...] = ()
    population: int | None = None
    population_year: int | None = None
    former_codes: tuple[str, ...] = ()

    @property
    def is_current(self) -> bool:
        return self.type == "commune-actuelle"


@dataclass(frozen=True, slots=True)
class Epci:
    siren: str
    name: str
    type: str
    population: int | None
    population_year: int | None
    members: tuple[str, ...]


@dataclass(frozen=True)
class Reference:
    """Everything the reference file holds."""

    path: Path
    meta: dict[str, Any]
    regions: dict[str, Region] = field(default_factory=dict)
    departements: dict[str, Departement] = field(default_factory=dict)
    communes: list[Commune] = field(default_factory=list)
    epcis: dict[str, Epci] = field(default_factory=dict)

    def current_communes(self) -> dict[str, Commune]:
        """Current communes (commune-actuelle) by INSEE code."""
        return {c.code: c for c in self.communes if c.is_current}

    def epci_of(self) -> dict[str, str]:
        """Commune INSEE code -> SIREN of its EPCI."""
        return {code: e.siren for e in self.epcis.values() for code in e.members}


def reference_path(settings: Settings) -> Path:
    """Where the committed reference file lives."""
    return settings.data_dir / "reference" / REFERENCE_FILE


def _add(ref: Reference, record: dict[str, Any]) -> None:
    kind = record.pop("kind")
    if kind == "region":
        ref.regions[record["code"]] = Region(record["code"], record["name"], record["zone"])
    elif kind == "departement":
        ref.departements[record["code"]] = Departement(
            record["code"], record["name"], record["region"], record["zone"]
        )
    elif kind == "commune":
        ref.communes.append(
            Commune(
                code=record["code"],
                name=record["name"],
                type=record["type"],
                departement=record["departement"],
                region=record["region"],
                zone=record["zone"],
                parent=record.get("parent"),
                postal_codes=tuple(record.get("postal_codes", ())),
                population=record.get("population"),
                population_year=record.get("population_year"),
                former_codes=tuple(record.get("former_codes", ())),
            )
        )
    elif kind == "epci":
        ref.epcis[record["siren"]] = Epci(
            record["siren"],
            record["name"],
            record["type"],
            record.get("population"),
            record.get("population_year"),
            tuple(record["members"]),
        )
    else:
        raise ValueError(f"unknown record kind {kind!r}")


@lru_cache(maxsize=4)
def load_reference(path: Path) -> Reference:
    """Read ``path`` (cached: the file is immutable input of a build)."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            meta = json.loads(next(lines))
            if meta.get("kind") != "meta":
                raise ReferenceError(f"{path}: first line is not the meta record")
            ref = Reference(path=path, meta=meta)
            for number, line in enumerate(lines, start=2):
                try:
                    _add(ref, json.loads(line))
                except (KeyError, ValueError) as exc:
                    raise ReferenceError(f"{path}:{number}: {exc}") from None
    except (OSError, StopIteration, json.JSONDecodeError) as exc:
        raise ReferenceError(f"{path}: cannot read the reference file ({exc})") from None
    return ref
