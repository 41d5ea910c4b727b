"""A dataset's committed build inputs: ``data/datasets/<name>/rows.csv`` and ``metadata.json``.

``rows.csv`` is the mapped table (the columns of the kind's CSVW mapping); ``metadata.json``
says what it was made from (kind, source file names, sha256, import time, counts). Both are
written into a temporary folder that replaces the dataset's folder in one rename, so a failed
import leaves the previous dataset as it was. Doubtful matches are appended to
``data/review-imports.yaml`` (``merges`` entries ``{kind, names, documents, score, evidence}``).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import os
import re
import shutil
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ess_core.settings import Settings
from ingest.datasets.csvw import TableMapping, load_mapping
from ingest.datasets.registers import Prepared
from ingest.datasets.tables import DatasetError

KINDS = ("sirene", "rna", "figures")
NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
ROWS_FILE = "rows.csv"
METADATA_FILE = "metadata.json"
REVIEW_FILE = "review-imports.yaml"  # read by `ess-graph review` beside review.yaml


@dataclass(frozen=True)
class Dataset:
    """A committed dataset folder."""

    name: str
    folder: Path
    metadata: dict[str, Any]

    @property
    def kind(self) -> str:
        return str(self.metadata["kind"])

    @property
    def rows(self) -> Path:
        return self.folder / ROWS_FILE


def mapping_path(kind: str) -> Path:
    """The CSVW mapping shipped for ``kind``."""
    return Path(str(resources.files("ingest.datasets").joinpath("mappings", f"{kind}.csvw.json")))


def mapping_of(kind: str) -> TableMapping:
    return load_mapping(mapping_path(kind))


def datasets_dir(settings: Settings) -> Path:
    return settings.data_dir / "datasets"


def read_datasets(settings: Settings) -> list[Dataset]:
    """Every dataset folder with its metadata, by name."""
    found = []
    for meta in sorted(datasets_dir(settings).glob(f"*/{METADATA_FILE}")):
        try:
            metadata = json.loads(meta.read_text("utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise DatasetError(f"{meta}: cannot read ({exc})") from None
        if metadata.get("kind") not in KINDS:
            raise DatasetError(f"{meta}: kind {metadata.get('kind')!r} is not one of {KINDS}")
        found.append(Dataset(meta.parent.name, meta.parent, metadata))
    return found


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_dataset(
    settings: Settings, kind: str, name: str, prepared: Prepared, extra: dict[str, Any]
) -> Path:
    """Write the dataset folder (rows and metadata) in one swap; return the folder."""
    if not NAME.match(name):
        raise DatasetError(f"--name {name!r}: use lower-case letters, digits and hyphens")
    columns = mapping_of(kind).real_columns
    target = datasets_dir(settings) / name
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.with_name(f".{name}.new-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        with (staging / ROWS_FILE).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, columns, extrasaction="ignore", lineterminator="\n")
            writer.writeheader()
            writer.writerows(prepared.rows)
        metadata = {
            "kind": kind,
            "name": name,
            "imported": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
            "sources": [
                {"file": p.name, "sha256": sha256(p), "bytes": p.stat().st_size}
                for p in prepared.inputs
            ],
            "counts": prepared.counts,
            **extra,
        }
        (staging / METADATA_FILE).write_text(
            json.dumps(metadata, ensure_ascii=False, indent=2) + "\n", "utf-8"
        )
        old = target.with_name(f".{name}.old-{os.getpid()}")
        if target.exists():
            target.rename(old)
        staging.rename(target)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


def append_review(settings: Settings, entries: list[dict[str, Any]]) -> Path:
    """Add ``entries`` to ``data/review-imports.yaml`` (an entry already there is not repeated).

    The extraction rewrites ``data/review.yaml`` at each ingest; the imports keep their own
    file, in the same shape (``merges``), and ``ess-graph review`` lists both.
    """
    path = settings.data_dir / REVIEW_FILE
    current: dict[str, Any] = {}
    if path.exists():
        try:
            current = yaml.safe_load(path.read_text("utf-8")) or {}
        except yaml.YAMLError as exc:
            raise DatasetError(f"{path}: cannot read ({exc})") from None
    listed = list(current.get("merges", []))
    known = {(e.get("kind"), e.get("evidence")) for e in listed}
    listed += [e for e in entries if (e["kind"], e["evidence"]) not in known]
    current["merges"] = listed
    staging = path.with_name(f".{REVIEW_FILE}.new-{os.getpid()}")
    staging.write_text(yaml.safe_dump(current, allow_unicode=True, sort_keys=False), "utf-8")
    staging.replace(path)
    return path
