"""Content negotiation, for every route: Accept parsing and the choice of a media type.

``Accept`` ranges are read with their q-values (``q=0`` excludes), ``type/*`` and ``*/*``
wildcards and parameters. Among the media types offered, the one with the highest q wins; at
equal q a more specific range wins, then the order of the offer (its first entry is the
default). Malformed ranges are ignored, never an error. :func:`negotiate` is the one choice
(406 when nothing offered is acceptable); :func:`result_format` applies it to the formats
offered for a SPARQL result (:data:`graph_service.media_types.OFFERED`).

>>> negotiate("text/csv;q=0.5, application/json", ("text/csv", "application/json"))
'application/json'
>>> result_format("graph", None)
('text/turtle', 'TURTLE')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ess_core.errors import NotAcceptable
from graph_service.media_types import KINDS, OFFERED, ResultKind, format_name

_TOKEN = r"[!#$%&'*+.^_`|~0-9A-Za-z-]+"  # noqa: S105 - an HTTP token, not a password
_RANGE = re.compile(rf"\s*({_TOKEN})/({_TOKEN})\s*$")
_QVALUE = re.compile(r"(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$")
_SPLIT = re.compile(r',(?=(?:[^"]*"[^"]*")*[^"]*$)')


@dataclass(frozen=True, slots=True)
class MediaRange:
    """One entry of an Accept header."""

    type: str
    subtype: str
    q: float
    params: int

    def specificity(self, media_type: str) -> int:
        """How precisely this range names ``media_type``; -1 when it does not match."""
        main, _, sub = media_type.partition("/")
        if self.type == "*":
            return 0 + self.params
        if self.type != main:
            return -1
        if self.subtype == "*":
            return 10 + self.params
        return 20 + self.params if self.subtype == sub else -1


@lru_cache(maxsize=256)
def parse_accept(header: str) -> tuple[MediaRange, ...]:
    """The valid media ranges of an Accept header, malformed ones dropped."""
    ranges = []
    for part in _SPLIT.split(header):
        name, *params = part.split(";")
        match = _RANGE.match(name)
        if match is None:
            continue
        main, sub = match.group(1).lower(), match.group(2).lower()
        if main == "*" and sub != "*":
            continue
        q, extra, valid = 1.0, 0, True
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() != "q":
                extra += 1
                continue
            value = value.strip()
            valid = bool(_QVALUE.match(value))
            q = float(value) if valid else q
            break  # what follows q are accept-extensions
        if valid:
            ranges.append(MediaRange(main, sub, q, extra))
    return tuple(ranges)


def preferred(header: str | None, offered: tuple[str, ...]) -> str | None:
    """The offered media type the header prefers, the first offered without a header; None
    when the header accepts none of them."""
    ranges = parse_accept(header) if header else ()
    if not ranges:
        return offered[0] if offered else None
    best, best_key = None, (0.0, -1)
    for media_type in offered:
        scored = [(r.specificity(media_type), r.q) for r in ranges]
        specificity, q = max(scored)
        key = (q, specificity)
        if specificity >= 0 and q > 0 and key > best_key:
            best, best_key = media_type, key
    return best


def negotiate(accept: str | None, offered: tuple[str, ...], what: str = "this resource") -> str:
    """The offered media type the client prefers; NotAcceptable lists what is offered."""
    chosen = preferred(accept, offered)
    if chosen is None:
        raise NotAcceptable(
            f"No offered format for {what} matches the Accept header {accept!r}.",
            errors=list(offered),
        )
    return chosen


@lru_cache(maxsize=512)
def result_format(kind: ResultKind, accept: str | None) -> tuple[str, str]:
    """The media type and pyoxigraph format name for a result of ``kind``."""
    media = negotiate(accept, OFFERED[kind], f"{kind} results")
    return media, format_name(kind, media)


def by_kind(form: str | None, accept: str | None) -> tuple[dict[str, str], dict[str, str]]:
    """Media types and format names for every result kind of a query of ``form``.

    ``accept`` must be satisfied for the kind the form announces (NotAcceptable otherwise);
    the other kinds get their default, in case the form was misread.
    """
    expected: ResultKind | None = None
    if form in ("CONSTRUCT", "DESCRIBE"):
        expected = "graph"
    elif form is not None:
        expected = "boolean" if form == "ASK" else "solutions"
    media: dict[str, str] = {}
    names: dict[str, str] = {}
    for kind in KINDS:
        media[kind], names[kind] = result_format(
            kind, accept if expected is None or kind == expected else None
        )
    return media, names
