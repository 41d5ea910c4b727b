"""A document's metadata for the registry: from the options of ``ess-graph add`` and from the
sidecar ``<name>.yaml`` beside the text (options win). The sidecar may hold other keys (the
corpus's gold annotations, for one): only :data:`METADATA_KEYS` are read.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ess_core.iris import slugify
from ingest.registry import genres

METADATA_KEYS = ("id", "title", "publisher", "date", "genre", "territory")
REQUIRED = ("title", "publisher", "date", "genre", "territory")
_DATE = re.compile(r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$")


class MetadataError(ValueError):
    """A document's metadata is missing or wrong; the message names the file and the fix."""


@dataclass(frozen=True)
class Metadata:
    """The registry fields of a document that ``ess-graph add`` reads from the user."""

    id: str | None = None
    title: str | None = None
    publisher: str | None = None
    date: str | None = None
    genre: str | None = None
    territory: str | None = None

    def given(self) -> dict[str, str]:
        """The fields that have a value."""
        values = {k: getattr(self, k) for k in METADATA_KEYS}
        return {k: v for k, v in values.items() if v is not None}


def sidecar_path(text: Path) -> Path:
    """``<name>.yaml`` beside ``<name>.txt``."""
    return text.with_suffix(".yaml")


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()[:10]
    text = str(value).strip()
    return text or None


def read_sidecar(text: Path) -> Metadata:
    """The metadata keys of the sidecar of ``text`` (empty when there is none)."""
    path = sidecar_path(text)
    if not path.is_file():
        return Metadata()
    try:
        raw = yaml.safe_load(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise MetadataError(f"{path}: cannot read the sidecar ({exc})") from None
    if raw is None:
        return Metadata()
    if not isinstance(raw, Mapping):
        raise MetadataError(f"{path}: the sidecar is not a mapping of keys to values")
    return Metadata(**{k: _as_text(raw.get(k)) for k in METADATA_KEYS})


def normalise_genre(value: str, where: str) -> str:
    """A genre slug of the scheme (``press release`` -> ``press-release``)."""
    try:
        genre = slugify(value)
    except ValueError:
        genre = ""
    if genre not in genres():
        raise MetadataError(f"{where}: genre {value!r} is not one of {', '.join(genres())}")
    return genre


def check_date(value: str, where: str) -> str:
    """``value`` if it is an ISO year, month or date."""
    try:
        if not _DATE.match(value):
            raise ValueError
        dt.date.fromisoformat((value + "-01-01")[:10] if len(value) < 10 else value)
    except ValueError:
        raise MetadataError(
            f"{where}: date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2024-03)"
        ) from None
    return value


def merged(text: Path, options: Metadata, previous: Mapping[str, Any] | None) -> dict[str, str]:
    """The registry fields of ``text``: the options over the sidecar over ``previous`` (its
    current registry entry, if any). A missing field raises one line saying how to give it."""
    fields: dict[str, str] = {}
    for source in (previous or {}, read_sidecar(text).given(), options.given()):
        fields.update({k: v for k, v in source.items() if k in METADATA_KEYS and v})
    missing = [k for k in REQUIRED if not fields.get(k)]
    if missing:
        flags = ", ".join(f"--{k}" for k in missing)
        raise MetadataError(
            f"{text}: no {' and no '.join(missing)}: give {flags} or put "
            f"'{missing[0]}: …' in {sidecar_path(text).name} beside the text"
        )
    fields["genre"] = normalise_genre(fields["genre"], str(text))
    fields["date"] = check_date(fields["date"], str(text))
    if "id" not in fields:
        try:
            fields["id"] = slugify(text.stem)
        except ValueError:
            raise MetadataError(f"{text}: cannot make an id of the file name: give --id") from None
    elif not _is_slug(fields["id"]):
        raise MetadataError(
            f"{text}: id {fields['id']!r} is not a slug (lower-case letters, digits and "
            f"hyphens, e.g. --id portrait-2024)"
        )
    return fields


def _is_slug(value: str) -> bool:
    try:
        return slugify(value) == value
    except ValueError:
        return False
