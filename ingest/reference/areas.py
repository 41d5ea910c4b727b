"""Curated non-administrative areas (``data/curation/areas.yaml``), typed and checked."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, get_args

import yaml

from ess_core.settings import Settings

AreaKind = Literal["pays", "bassin", "arrondissement"]
LinkKind = Literal["contains", "overlaps"]
_TARGET = re.compile(r"^(commune|epci|departement|region)/[0-9A-Za-z]+$")
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class AreasError(ValueError):
    """The curation file is invalid; the message names the file and the entry."""


@dataclass(frozen=True)
class AreaLink:
    """``area <relation> target``, as a document says (``mention`` is its verbatim passage)."""

    relation: LinkKind
    target: str
    document: str
    mention: str


@dataclass(frozen=True)
class Area:
    id: str
    name: str
    kind: AreaKind
    aliases: tuple[str, ...]
    links: tuple[AreaLink, ...]


def areas_path(settings: Settings) -> Path:
    return settings.data_dir / "curation" / "areas.yaml"


def _links(path: Path, area_id: str, raw: dict[str, Any]) -> list[AreaLink]:
    links = []
    for relation in get_args(LinkKind):
        for item in raw.get(relation) or []:
            try:
                link = AreaLink(
                    relation, str(item["target"]), str(item["document"]), str(item["mention"])
                )
            except (KeyError, TypeError):
                raise AreasError(
                    f"{path}: area {area_id}: each {relation} link needs target, "
                    "document and mention"
                ) from None
            if not _TARGET.match(link.target) or not _SLUG.match(link.document):
                raise AreasError(f"{path}: area {area_id}: bad target or document in {item}")
            links.append(link)
    return links


def load_areas(path: Path) -> list[Area]:
    """Read and check the curated areas."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise AreasError(f"{path}: cannot read ({exc})") from None
    areas: list[Area] = []
    for entry in raw.get("areas") or []:
        area_id = str(entry.get("id", ""))
        if not _SLUG.match(area_id) or not entry.get("name"):
            raise AreasError(f"{path}: every area needs a slug id and a name ({entry})")
        if entry.get("kind") not in get_args(AreaKind):
            raise AreasError(f"{path}: area {area_id}: kind must be one of {get_args(AreaKind)}")
        areas.append(
            Area(
                area_id,
                str(entry["name"]),
                entry["kind"],
                tuple(str(a) for a in entry.get("aliases") or ()),
                tuple(_links(path, area_id, entry)),
            )
        )
    ids = [a.id for a in areas]
    if len(ids) != len(set(ids)):
        raise AreasError(f"{path}: duplicate area ids")
    return areas
