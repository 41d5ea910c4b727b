"""What the structure rules (plans, events, figures) share: the lines of a document as read,
short labels, and the look-ups that tie what they find to the rest of the records.

Structure records are entities of the record kinds ``plan``, ``orientation``, ``stake``,
``objective``, ``action``, ``body``, ``proposal``, ``event`` and ``observation``. Their keys
are built from what the document states (carrier, period, order), never from running numbers
of the extraction, so the same plan named by two documents is one node.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ess_core.iris import fold, slugify
from ingest.extract.relate.confidences import confidence as rule_confidence
from ingest.extract.resolve.entities import Entity, Occurrence

Record = dict[str, Any]
LABEL_MAX = 90
BULLET = re.compile(r"^[-•]\s*(?:›\s*)?(?P<label>.+)$")
_MONTH_NAMES = "janvier février mars avril mai juin juillet août septembre octobre novembre"
MONTHS = {m: i for i, m in enumerate([*_MONTH_NAMES.split(), "décembre"], 1)}


@dataclass
class Plan:
    """A plan found in the document: its key, name, carrier and period."""

    key: str
    name: str
    carrier: str | None
    territory: str | None
    start: int | None
    end: int | None
    spans: list[tuple[int, int]]


@dataclass(frozen=True)
class Line:
    """One line of the original text: ``text`` is ``original[start:end]`` without its end."""

    start: int
    end: int
    text: str

    @property
    def stripped(self) -> str:
        return self.text.strip()


def lines(original: str) -> list[Line]:
    """Every line of ``original`` with its code point offsets."""
    out = []
    pos = 0
    for raw in original.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        out.append(Line(pos, pos + len(body), body))
        pos += len(raw)
    return out


def label(text: str, limit: int = LABEL_MAX) -> str:
    """A short label: markup and spaces tidied, cut at a word boundary with an ellipsis."""
    text = re.sub(r"<sup>(.*?)</sup>", r"\1", text)
    text = " ".join(text.replace("**", "").replace("\\*", "").split()).strip(" -•›:;.")
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:")
    return cut + "…"


def span(line: Line, part: str, limit: int = 60) -> tuple[int, int, str]:
    """Start, end and quote of ``part`` inside ``line`` (its first ``limit`` characters, cut at
    a word boundary): the short mention string of a long item."""
    at = line.text.find(part)
    if at < 0:
        at, part = 0, line.text
    short = part if len(part) <= limit else part[:limit].rsplit(" ", 1)[0]
    short = short.rstrip()
    return line.start + at, line.start + at + len(short), short


@dataclass
class Context:
    """One document and the look-ups the structure rules need."""

    document: str
    original: str
    year: int | None
    refs: Mapping[Occurrence, str]
    entities: Sequence[Entity]
    place_iri: Callable[[str], str | None]
    extra: dict[str, Record] = field(default_factory=dict)

    def organisations_in(self, start: int, end: int) -> list[str]:
        """References of the organisations mentioned between ``start`` and ``end``, in order."""
        found = sorted(
            (o.start, ref)
            for o, ref in self.refs.items()
            if ref.startswith("organisation/") and start <= o.start and o.end <= end
        )
        out: list[str] = []
        for _, ref in found:
            if ref not in out:
                out.append(ref)
        return out

    def territory_iri(self, ref: str) -> str | None:
        """The official territory of a territory reference."""
        for entity in self.entities:
            if ref == f"territory/{entity.key}":
                return self.place_iri(entity.name)
        return None

    def organisation_named(self, name: str, start: int, end: int) -> str | None:
        """The resolved organisation a name refers to (any document), adding its record to
        this document with the span as evidence when the document's own mentions missed it."""
        wanted = fold(name)
        for entity in self.entities:
            names = {fold(entity.name), *(fold(a) for a in entity.aliases)}
            if entity.kind == "organisation" and wanted in names:
                ref = f"organisation/{entity.key}"
                self._add_entity(entity, start, end)
                return ref
        return None

    def _add_entity(self, entity: Entity, start: int, end: int) -> None:
        rid = f"{self.document}/organisation/{entity.key}"
        ev = evidence(self, start, end, rule_confidence("layout-named-organisation"))
        record = self.extra.get(rid)
        if record is None:
            self.extra[rid] = {
                "id": rid,
                "document": self.document,
                "type": "entity",
                "kind": "organisation",
                "key": entity.key,
                "fields": {"name": entity.name},
                "evidence": [ev],
            }
        elif ev not in record["evidence"]:
            record["evidence"] = sorted(
                [*record["evidence"], ev], key=lambda e: (e["start"], e["end"])
            )


def evidence(ctx: Context, start: int, end: int, confidence: float | None = None) -> dict[str, Any]:
    """An evidence item quoting ``original[start:end]`` (at most 200 characters), with the
    confidence of the rule ``layout-record`` unless another is given."""
    if confidence is None:
        confidence = rule_confidence("layout-record")
    end = min(end, start + 200)
    exact = ctx.original[start:end]
    while exact and exact[-1].isspace():
        end -= 1
        exact = exact[:-1]
    return {"start": start, "end": end, "exact": exact, "method": "rule", "confidence": confidence}


def record(
    ctx: Context, kind: str, key: str, fields: Mapping[str, Any], spans: Sequence[tuple[int, int]]
) -> Record:
    """An entity record of a structure kind, with one evidence item per span."""
    items = {(s, e): evidence(ctx, s, e) for s, e in spans}
    return {
        "id": f"{ctx.document}/{kind}/{key}",
        "document": ctx.document,
        "type": "entity",
        "kind": kind,
        "key": key,
        "fields": {k: v for k, v in fields.items() if v not in (None, [], "")},
        "evidence": [items[k] for k in sorted(items)],
    }


def key(*parts: object) -> str:
    return slugify(" ".join(str(p) for p in parts if p not in (None, "")))


def blocks(items: Sequence[Line]) -> Iterator[list[Line]]:
    """Runs of non-empty lines separated by blank lines."""
    run: list[Line] = []
    for line in items:
        if line.stripped:
            run.append(line)
        elif run:
            yield run
            run = []
    if run:
        yield run


def context(
    document: str,
    original: str,
    year: int | None,
    entities: Sequence[Entity],
    place_iri: Callable[[str], str | None],
) -> Context:
    """The context of one document: which resolved entity each of its occurrences is."""
    refs = {
        o: f"{e.kind}/{e.key}" for e in entities for o in e.occurrences if o.document == document
    }
    return Context(document, original, year, refs, entities, place_iri)
