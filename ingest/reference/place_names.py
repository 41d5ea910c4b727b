"""Other names of places (``data/reference/place-names.yaml``): communes' short names and
areas without a curated node, typed and checked."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

PLACE_NAMES_FILE = "place-names.yaml"


class PlaceNamesError(ValueError):
    """The place names file is invalid; the message names the file and the entry."""


@dataclass(frozen=True)
class PlaceNames:
    """Short names (name -> INSEE codes of the communes it may stand for) and area names."""

    short_names: tuple[tuple[str, tuple[str, ...]], ...] = ()
    areas: tuple[str, ...] = ()


def place_names_path(data_dir: Path) -> Path:
    return data_dir / "reference" / PLACE_NAMES_FILE


def load_place_names(path: Path) -> PlaceNames:
    """The file at ``path`` (nothing when it is absent)."""
    if not path.exists():
        return PlaceNames()
    try:
        raw = yaml.safe_load(path.read_text("utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise PlaceNamesError(f"{path}: cannot read ({exc})") from None
    if not isinstance(raw, dict):
        raise PlaceNamesError(f"{path}: expected a mapping with short_names and areas")
    shorts = raw.get("short_names") or {}
    areas = raw.get("areas") or []
    if not isinstance(shorts, dict) or not isinstance(areas, list):
        raise PlaceNamesError(f"{path}: short_names must be a mapping, areas a list")
    out = []
    for name, codes in shorts.items():
        if (
            not isinstance(codes, list)
            or not codes
            or not all(isinstance(c, str) and c for c in codes)
        ):
            raise PlaceNamesError(f"{path}: short name {name!r}: expected a list of INSEE codes")
        out.append((str(name), tuple(codes)))
    return PlaceNames(tuple(sorted(out)), tuple(str(a) for a in areas))
