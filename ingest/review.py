"""The review list (``data/review.yaml``): merges the extraction was unsure of, kept out of
the graph until someone decides. ``ess-graph review`` lists them; ``accept N`` makes the names
one entity in ``data/curation/entities.yaml`` (aliases of the curated entity, or a new one),
``reject N`` writes a ``not_same_as`` entry there. The next ``ess-graph ingest`` applies it.

The file, written by ``ess-graph ingest``::

    merges:
      - kind: organisation          # person | organisation | programme
        names: [Vélo Nouveau, VN]   # two or more names the extraction hesitated to merge
        documents: [doc-a, doc-b]   # registry ids where the names occur
        score: 0.82                 # similarity, 0..1
        evidence: "…"               # why (a string or a list of strings)

A bare list of such entries is read too. ``ess-graph import`` keeps its doubtful register
matches in ``data/review-imports.yaml``, in the same shape; both files are listed, in that order.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ess_core.iris import slugify
from ess_core.settings import Settings
from ingest.curation import load_curation
from ingest.curation_file import read_curation_text, with_not_same, with_same, write_curation

REVIEW_FILE = "review.yaml"
IMPORT_REVIEW_FILE = "review-imports.yaml"  # written by ``ess-graph import`` (ingest.datasets)
CURATION_FILE = "entities.yaml"
KINDS = ("person", "organisation", "programme")


class ReviewError(ValueError):
    """The review list is unreadable or the decision names no entry of it."""


@dataclass(frozen=True)
class Merge:
    """One uncertain merge of the review list."""

    kind: str
    names: tuple[str, ...]
    documents: tuple[str, ...]
    score: float | None
    evidence: tuple[str, ...]


def review_path(settings: Settings) -> Path:
    """``data/review.yaml``."""
    return settings.data_dir / REVIEW_FILE


def _strings(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, list | tuple):
        return tuple(str(v) for v in value if v is not None)
    return (str(value),)


def _merge(path: Path, number: int, raw: Any) -> Merge:
    if not isinstance(raw, Mapping):
        raise ReviewError(f"{path}: entry {number}: not a mapping")
    names = _strings(raw.get("names"))
    if raw.get("kind") not in KINDS or len(set(names)) < 2:
        raise ReviewError(
            f"{path}: entry {number}: needs a kind ({', '.join(KINDS)}) and two names or more"
        )
    score = raw.get("score")
    if score is not None and not isinstance(score, int | float):
        raise ReviewError(f"{path}: entry {number}: score {score!r} is not a number")
    return Merge(
        raw["kind"],
        names,
        _strings(raw.get("documents")),
        None if score is None else float(score),
        _strings(raw.get("evidence")),
    )


def load_review(settings: Settings) -> list[Merge]:
    """The entries of the review list: the extraction's (``data/review.yaml``), then the
    imports' (``data/review-imports.yaml``); none when neither file exists."""
    return [
        *_load_file(review_path(settings)),
        *_load_file(settings.data_dir / IMPORT_REVIEW_FILE),
    ]


def _load_file(path: Path) -> list[Merge]:
    try:
        raw = yaml.safe_load(path.read_text("utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ReviewError(f"{path}: cannot read ({exc})") from None
    entries = raw.get("merges") if isinstance(raw, Mapping) else raw
    if entries is None:
        return []
    if not isinstance(entries, list):
        raise ReviewError(f"{path}: expected a list 'merges' of entries")
    return [_merge(path, n, e) for n, e in enumerate(entries, start=1)]


def _key(name: str) -> str:
    try:
        return slugify(name)
    except ValueError:
        return name


def status(settings: Settings, merges: list[Merge]) -> list[str]:
    """ "accepted", "rejected" or "" for each merge, from the curation."""
    curation = load_curation(settings)
    together = [(e.kind, {_key(n) for n in (e.canonical, *e.aliases)}) for e in curation.entities]
    apart = [(kind, {_key(n) for n in names}) for kind, names in curation.not_same_as]
    out = []
    for merge in merges:
        keys = {_key(n) for n in merge.names}
        if any(k == merge.kind and keys <= names for k, names in together):
            out.append("accepted")
        elif any(k == merge.kind and names <= keys for k, names in apart):
            out.append("rejected")
        else:
            out.append("")
    return out


def format_review(merges: list[Merge], decided: list[str] | None = None) -> list[str]:
    """Numbered lines, one block per merge."""
    if not merges:
        return ["nothing to review"]
    lines = []
    for number, merge in enumerate(merges, start=1):
        score = "" if merge.score is None else f" (score {merge.score:.2f})"
        state = f" [{decided[number - 1]}]" if decided and decided[number - 1] else ""
        lines.append(f"{number}. {merge.kind}: {' = '.join(merge.names)}?{score}{state}")
        if merge.documents:
            lines.append(f"   documents: {', '.join(merge.documents)}")
        lines += [f"   evidence: {e}" for e in merge.evidence]
    return lines


def decide(settings: Settings, number: int, *, accept: bool) -> str:
    """Write the decision on merge ``number`` (1-based) into the curation; a line saying so."""
    merges = load_review(settings)
    if not 1 <= number <= len(merges):
        raise ReviewError(
            f"{review_path(settings)}: no entry {number} "
            f"({len(merges)} to review: 'ess-graph review' lists them)"
        )
    merge = merges[number - 1]
    path = settings.data_dir / "curation" / CURATION_FILE
    text = read_curation_text(path)
    names = list(merge.names)
    if accept:
        new_text = with_same(text, merge.kind, names)
    else:
        where = f" in {', '.join(merge.documents)}" if merge.documents else ""
        new_text = with_not_same(text, merge.kind, names, f"rejected in review{where}")
    write_curation(path, new_text)
    verb = "one entity" if accept else "not the same"
    return (
        f"{path}: {' and '.join(names)} are {verb}; "
        f"'ess-graph ingest' then 'ess-graph build' apply it"
    )
