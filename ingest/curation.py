"""Curation decisions (``data/curation/*.yaml``): load, validate, and type them.

``areas.yaml`` belongs to the geography and has its own schema; every other YAML file of the
folder follows ``ingest/schemas/curation.schema.json``. A :class:`CurationError` names the
file and the entry.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, cast

import jsonschema
import yaml

from ess_core.settings import Settings

NOT_CURATION = frozenset({"areas.yaml"})


class CurationError(ValueError):
    """A curation file is unreadable or invalid; the message names file and entry."""


@dataclass(frozen=True)
class CuratedEntity:
    kind: str
    canonical: str
    aliases: tuple[str, ...] = ()
    same_as: tuple[str, ...] = ()
    identifiers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Correction:
    document: str
    start: int
    end: int
    mention: str
    field: str
    value: int | str


@dataclass(frozen=True)
class Curation:
    """All curation decisions, merged across files."""

    entities: tuple[CuratedEntity, ...] = ()
    not_same_as: tuple[tuple[str, frozenset[str]], ...] = ()
    rejected: tuple[tuple[str, str, int | None, int | None], ...] = ()
    corrections: tuple[Correction, ...] = ()
    files: tuple[Path, ...] = field(default=())

    def names(self) -> list[tuple[str, str]]:
        """(name, kind) of every canonical name and alias, for the gazetteer."""
        return sorted({(n, e.kind) for e in self.entities for n in (e.canonical, *e.aliases)})


@cache
def _schema() -> dict[str, Any]:
    text = resources.files("ingest.schemas").joinpath("curation.schema.json").read_text("utf-8")
    return cast(dict[str, Any], json.loads(text))


def check_curation(raw: Any, path: Path) -> None:
    """Raise :class:`CurationError` naming ``path`` and the entry if ``raw`` is invalid."""
    error = jsonschema.exceptions.best_match(
        jsonschema.Draft202012Validator(_schema()).iter_errors(raw)
    )
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "(top)"
        raise CurationError(f"{path}: {where}: {error.message}")


def curation_files(settings: Settings) -> list[Path]:
    """The curation files, sorted."""
    folder = settings.data_dir / "curation"
    return sorted(p for p in folder.glob("*.yaml") if p.name not in NOT_CURATION)


def load_curation(settings: Settings) -> Curation:
    """Read and validate every curation file."""
    entities: list[CuratedEntity] = []
    not_same: list[tuple[str, frozenset[str]]] = []
    rejected: list[tuple[str, str, int | None, int | None]] = []
    corrections: list[Correction] = []
    files = curation_files(settings)
    for path in files:
        try:
            raw = yaml.safe_load(path.read_text("utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise CurationError(f"{path}: cannot read ({exc})") from None
        check_curation(raw, path)
        for e in raw.get("entities", []):
            entities.append(
                CuratedEntity(
                    e["kind"],
                    e["canonical"],
                    tuple(e.get("aliases", ())),
                    tuple(e.get("same_as", ())),
                    tuple(sorted(e.get("identifiers", {}).items())),
                )
            )
        for n in raw.get("not_same_as", []):
            not_same.append((n["kind"], frozenset(n["names"])))
        for r in raw.get("rejected", []):
            rejected.append((r["document"], r["mention"], r.get("start"), r.get("end")))
        for c in raw.get("corrections", []):
            corrections.append(
                Correction(
                    c["document"], c["start"], c["end"], c["mention"], c["field"], c["value"]
                )
            )
    return Curation(
        tuple(entities), tuple(not_same), tuple(rejected), tuple(corrections), tuple(files)
    )
