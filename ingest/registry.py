"""The document registry (``data/documents.yaml``): load, validate, and type it.

Every error is a :class:`RegistryError` whose message names the file, the entry (its id, or
its index when it has none) and the field.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal, cast

import jsonschema
import yaml

from ess_core.settings import Settings

DatePrecision = Literal["day", "month", "season", "year"]

REGISTRY_FILE = "documents.yaml"


class RegistryError(ValueError):
    """The registry is unreadable or invalid; the message names file, entry and field."""


@dataclass(frozen=True)
class Document:
    """One source document of the registry."""

    id: str
    file: str
    title: str
    publisher: str
    date: str
    genre: str
    territory: str
    language: str
    sha256: str
    date_precision: DatePrecision = "day"
    date_note: str | None = None
    territory_ref: str | None = None

    @property
    def is_year(self) -> bool:
        """True when ``date`` is a year (``YYYY``), False when it is a month or a full date."""
        return len(self.date) == 4

    @property
    def is_month(self) -> bool:
        """True when ``date`` is a month (``YYYY-MM``)."""
        return len(self.date) == 7

    def path(self, settings: Settings) -> Path:
        """Where the document's text is: ``file`` when absolute, else under
        ``ESS_DOCUMENTS_DIR``."""
        return document_path(settings, self.file)

    def read_text(self, settings: Settings) -> str:
        """The document's text, after checking its SHA-256 against the registry."""
        path = self.path(settings)
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        if digest != self.sha256:
            raise RegistryError(
                f"{path}: sha256 {digest} differs from the registry's {self.sha256} "
                f"(document {self.id}): not the registered document"
            )
        return data.decode("utf-8")


def document_path(settings: Settings, file: str) -> Path:
    """The path of a registry ``file`` value: absolute as is, relative to ESS_DOCUMENTS_DIR."""
    path = Path(file)
    return path if path.is_absolute() else settings.documents_dir / path


def genres() -> list[str]:
    """The genres the registry accepts (concepts of the genre scheme of ontology/ess.ttl)."""
    return list(_schema()["$defs"]["document"]["properties"]["genre"]["enum"])


@cache
def _schema() -> dict[str, Any]:
    text = resources.files("ingest.schemas").joinpath("documents.schema.json").read_text("utf-8")
    return cast(dict[str, Any], json.loads(text))


def registry_path(settings: Settings) -> Path:
    """Path of the registry file under ``ESS_DATA_DIR``."""
    return settings.data_dir / REGISTRY_FILE


def _entry_name(raw: Any, index: int) -> str:
    entries = raw.get("documents") if isinstance(raw, dict) else None
    entry = entries[index] if isinstance(entries, list) and index < len(entries) else None
    if isinstance(entry, dict) and isinstance(entry.get("id"), str):
        return f"entry {index} ({entry['id']})"
    return f"entry {index}"


def _schema_error(path: Path, raw: Any, error: jsonschema.ValidationError) -> RegistryError:
    location = list(error.absolute_path)
    if len(location) >= 2 and location[0] == "documents" and isinstance(location[1], int):
        where = _entry_name(raw, location[1])
        field = ".".join(str(p) for p in location[2:])
        if not field and error.validator == "required":
            field = str(error.message).split("'")[1]
        elif not field and error.validator == "dependentRequired":
            field = "date_note"
        return RegistryError(f"{path}: {where}: field '{field}': {error.message}")
    where = ".".join(str(p) for p in location) or "top level"
    return RegistryError(f"{path}: {where}: {error.message}")


def _check_date(path: Path, where: str, value: str) -> None:
    try:
        if len(value) == 4:
            dt.date(int(value), 1, 1)
        elif len(value) == 7:
            dt.date.fromisoformat(f"{value}-01")
        else:
            dt.date.fromisoformat(value)
    except ValueError:
        raise RegistryError(
            f"{path}: {where}: field 'date': {value!r} is not an ISO year, month or date"
        ) from None


def parse_registry(raw: Any, path: Path) -> list[Document]:
    """Validate the parsed YAML ``raw`` of ``path`` and return its documents."""
    validator = jsonschema.Draft202012Validator(_schema())
    errors = sorted(validator.iter_errors(raw), key=lambda e: list(map(str, e.absolute_path)))
    if errors:
        raise _schema_error(path, raw, errors[0])
    documents: list[Document] = []
    seen: dict[str, str] = {}
    for index, entry in enumerate(raw["documents"]):
        where = f"entry {index} ({entry['id']})"
        _check_date(path, where, entry["date"])
        for field in ("id", "file"):
            key = f"{field}:{entry[field]}"
            if key in seen:
                raise RegistryError(
                    f"{path}: {where}: field '{field}': duplicate {entry[field]!r} "
                    f"(already used by {seen[key]})"
                )
            seen[key] = where
        documents.append(Document(**entry))
    return documents


def load_registry(settings: Settings) -> list[Document]:
    """Read and validate ``data/documents.yaml``."""
    path = registry_path(settings)
    try:
        raw = yaml.safe_load(path.read_text("utf-8"))
    except OSError as exc:
        raise RegistryError(f"{path}: cannot read: {exc.strerror}") from None
    except yaml.YAMLError as exc:
        raise RegistryError(f"{path}: not valid YAML: {exc}") from None
    return parse_registry(raw, path)
