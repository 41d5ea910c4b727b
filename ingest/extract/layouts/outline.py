"""A plan's outline read from its headings, whatever the layout: keyword headings
(``Orientation 1 -``, ``Axe stratégique 2 :``, ``Priorité 3``, ``Enjeu :``, ``Objectif 1.2``,
``Fiche action 4``, an ``Actions`` header over bullets), numbered lists (``1.``, ``1.2``,
``1.2.3``) and tab-separated tables whose header names the levels (``Axe⇥Objectif⇥Action``).

Levels are orientation (depth 1), objective (2) and action (3); a stake hangs on the open
orientation. :data:`LEVELS` is the table of heading patterns; adding a layout is adding a row.
The parser yields :class:`Node` items; :mod:`ingest.extract.layouts.plans` turns them into records.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from ess_core.iris import fold
from ingest.extract.layouts.structure import BULLET, Line

DEPTH = {"orientation": 1, "objective": 2, "action": 3}
_KIND_AT = {d: k for k, d in DEPTH.items()}
_NUM = r"(?:n°\s*)?(?P<n>\d{1,2}(?:\.\d{1,2}){0,2}|[IVX]{1,4}\b)"
_REST = r"(?:\s*[–—:.)-]\s*(?P<label>\S.*))?$"
_HEADING_MAX = 250


@dataclass(frozen=True)
class Level:
    """One row of the table: a heading pattern and the level it opens. ``header``: the line
    only announces that the bullets below are items of that level (``Actions``)."""

    kind: str
    pattern: re.Pattern[str]
    header: bool = False


LEVELS: tuple[Level, ...] = (
    Level(
        "orientation",
        re.compile(
            r"^(?:Orientation|Axe|Priorit[ée]|Ambition|D[ée]fi|Chantier|Volet)"
            r"(?:\s+(?:strat[ée]gique|prioritaire|de travail|d['’]intervention))?\s*"
            + _NUM
            + _REST,
            re.IGNORECASE,
        ),
    ),
    Level("stake", re.compile(r"^Enjeux?\s*(?:\d{1,2})?\s*:\s*(?P<label>\S.*)$", re.IGNORECASE)),
    Level(
        "objective",
        re.compile(
            r"^Objectifs?(?:\s+(?:op[ée]rationnels?|strat[ée]giques?|g[ée]n[ée]ra(?:l|ux)))?"
            r"(?:\s*" + _NUM + r")?" + _REST,
            re.IGNORECASE,
        ),
    ),
    Level(
        "action",
        re.compile(r"^(?:Fiches?[- ]actions?|Actions?)\s*" + _NUM + _REST, re.IGNORECASE),
    ),
    Level(
        "action",
        re.compile(
            r"^(?:Actions?|Fiches?[- ]actions?|Plan d['’]actions?)"
            r"(?:\s+(?:à mener|prévues|envisagées|proposées|concrètes|retenues))?\s*:?\s*$",
            re.IGNORECASE,
        ),
        header=True,
    ),
)
# ``1.`` / ``2)`` for a top-level item; ``1.2`` and ``1.2.3`` (optionally followed by ``.``,
# ``)``, a dash or ``:``) below it.
_NUMBERED = re.compile(
    r"^(?:(?P<top>\d{1,2})[.)]|(?P<path>\d{1,2}(?:\.\d{1,2}){1,2})\.?\s*[–—:)-]?)\s+(?P<label>\S.*)$"
)
_END = re.compile(
    r"^(?:la |le |les )?(?:gouvernance|annexes?|pilotage|suivi et [ée]valuation|"
    r"[ée]valuation du plan|modalit[ée]s de suivi)\b",
    re.IGNORECASE,
)
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9}


@dataclass
class Node:
    """One item of the outline: its kind, rank among its siblings, label (``""`` when the
    heading has none and bullets below state it), parent node and the lines that state it."""

    kind: str
    order: int
    label: str
    parent: Node | None
    line: Line
    statements: list[tuple[str, Line]] = field(default_factory=list)

    @property
    def depth(self) -> int:
        return DEPTH.get(self.kind, 1)


def _plain(text: str) -> str:
    """A line without markdown heading marks and bold markers."""
    return re.sub(r"^#+\s*", "", text.replace("**", "")).strip()


def _number(raw: str | None) -> int | None:
    if not raw:
        return None
    if raw.upper() in _ROMAN:
        return _ROMAN[raw.upper()]
    last = raw.rsplit(".", 1)[-1]
    return int(last) if last.isdigit() else None


def heading(text: str) -> tuple[Level, int | None, str] | None:
    """The level a heading line opens, its stated number and its label."""
    t = _plain(text)
    if not t or len(t) > _HEADING_MAX or BULLET.match(t):
        return None
    for level in LEVELS:
        if m := level.pattern.match(t):
            groups = m.groupdict()
            return level, _number(groups.get("n")), (groups.get("label") or "").strip()
    return None


def _opens(line: Line, kind: str) -> bool:
    found = heading(line.stripped)
    return found is not None and found[0].kind == kind and not found[0].header


def is_end(text: str) -> bool:
    """A heading that closes the outline (governance, annexes, evaluation)."""
    t = _plain(text)
    if not t or len(t) > 80:
        return False
    if t.isupper() and any(w in t for w in ("GOUVERNANCE", "ANNEXE")):
        return True
    return bool(_END.match(t)) and not t.endswith((".", ",", ";"))


@dataclass
class _Outline:
    """The open nodes and how bullets below the last heading are read."""

    nodes: list[Node] = field(default_factory=list)
    open: dict[int, Node] = field(default_factory=dict)
    counts: dict[tuple[int, str], int] = field(default_factory=dict)
    mode: str = ""  # "statements", "children", "actions" or "" (bullets ignored)
    owner: Node | None = None  # the node whose heading the bullets below belong to
    started: bool = False

    def parent(self, depth: int) -> Node | None:
        return next((self.open[d] for d in range(depth - 1, 0, -1) if d in self.open), None)

    def add(self, kind: str, order: int | None, label: str, line: Line) -> Node:
        depth = DEPTH.get(kind, 1)
        parent = self.parent(depth) if kind != "stake" else self.open.get(1)
        slot = (id(parent), kind)
        self.counts[slot] = self.counts.get(slot, 0) + 1
        node = Node(kind, order or self.counts[slot], label, parent, line)
        self.nodes.append(node)
        if kind != "stake":
            for d in [d for d in self.open if d >= depth]:
                del self.open[d]
            self.open[depth] = node
        self.started = True
        return node

    def read_bullets(self, mode: str) -> None:
        """Bullets below now belong to the deepest open node, read as ``mode``."""
        self.mode = mode
        self.owner = self.open[max(self.open)] if self.open else None

    def bullet(self, label: str, line: Line) -> None:
        owner = self.owner
        if owner is None:
            return
        if self.mode == "statements":
            owner.statements.append((label, line))
            return
        depth = 3 if self.mode == "actions" else owner.depth + 1
        if self.mode not in ("actions", "children") or depth > 3:
            return
        for d in [d for d in self.open if d >= depth]:
            del self.open[d]
        self.open[owner.depth] = owner
        self.add(_KIND_AT[depth], None, label, line)


def outline(text: Sequence[Line]) -> list[Node]:
    """The outline of a plan: the table layout if a header row names the levels, else
    headings (keywords or numbers) from the first orientation-level heading to the end."""
    rows = list(_table(text))
    if rows:
        return rows
    numbered = _numbered_parents(text)
    first = "orientation" if any(_opens(line, "orientation") for line in text) else "objective"
    state = _Outline()
    for i, line in enumerate(text):
        t = line.stripped
        if not t:
            continue
        if state.started and is_end(t):
            break
        found = heading(t)
        if found is not None:
            level, n, label = found
            if not state.started and level.kind != first:
                continue
            if level.header:
                state.read_bullets("actions")
                continue
            state.add(level.kind, n, label, line)
            if level.kind != "stake":
                state.read_bullets("children" if label else "statements")
            continue
        if (m := _NUMBERED.match(_plain(t))) and not BULLET.match(t):
            if i not in numbered:
                if state.started and m["top"]:
                    state.open.clear()  # a numbered section that is not part of the outline
                    state.read_bullets("")
                continue
            depth = 1 if m["top"] else m["path"].count(".") + 1
            label = m["label"]
            if (h := heading(label)) is not None and h[2]:
                label = h[2]
            state.add(_KIND_AT[depth], _number(m["top"] or m["path"]), label, line)
            state.read_bullets("children")
            continue
        if state.started and (b := BULLET.match(t)):
            state.bullet(b["label"], line)
    return [n for n in state.nodes if n.label or n.statements or n.kind != "objective"]


def _numbered_parents(text: Sequence[Line]) -> set[int]:
    """Indexes of the numbered lines that belong to an outline: top-level items followed by
    at least one sub-item of theirs (``2.`` then ``2.1``), and those sub-items."""
    items: list[tuple[int, str]] = []
    for i, line in enumerate(text):
        t = line.stripped
        if t and not BULLET.match(t) and heading(t) is None and (m := _NUMBERED.match(_plain(t))):
            items.append((i, m["top"] or m["path"]))
    keep: set[int] = set()
    for j, (i, path) in enumerate(items):
        if "." in path:
            continue
        children = []
        for k, sub in items[j + 1 :]:
            if "." not in sub:
                break
            if sub.split(".", 1)[0] == path:
                children.append(k)
        if children:
            keep.update([i, *children])
    return keep


def _columns(cells: Sequence[str]) -> list[str] | None:
    """The level of each column of a header row, or None when it is not an outline header."""
    kinds: list[str] = []
    for cell in cells:
        w = fold(_plain(cell)).split()
        first = w[0] if w else ""
        if first in ("axe", "axes", "orientation", "orientations", "priorite", "priorites"):
            kinds.append("orientation")
        elif first in ("enjeu", "enjeux"):
            kinds.append("stake")
        elif first in ("objectif", "objectifs"):
            kinds.append("objective")
        elif first in ("action", "actions", "fiche", "fiches", "fiche-action"):
            kinds.append("action")
        else:
            kinds.append("")
    return kinds if sum(1 for k in kinds if k) >= 2 else None


def _table(text: Sequence[Line]) -> Iterator[Node]:
    """Nodes of a tab-separated table: one column per level, an empty cell repeats the item
    above. The table ends at the first non-empty line without a tab."""
    state: _Outline | None = None
    kinds: list[str] = []
    for line in text:
        if "\t" not in line.text:
            if state is not None and line.stripped:
                break
            continue
        cells = line.text.split("\t")
        if state is None:
            found = _columns(cells)
            if found is not None:
                state, kinds = _Outline(), found
            continue
        offsets = [sum(len(c) + 1 for c in cells[:j]) for j in range(len(cells))]
        for kind, cell, at in zip(kinds, cells, offsets, strict=False):
            label = _plain(cell).strip(" -•")
            if not kind or not label:
                continue
            n = None
            if (h := heading(label)) is not None and h[2]:
                n, label = h[1], h[2]
            elif m := re.match(r"^(\d{1,2}(?:\.\d{1,2}){0,2})[.)]?\s+(\S.*)$", label):
                n, label = _number(m[1]), m[2]
            state.add(kind, n, label, Line(line.start + at, line.start + at + len(cell), cell))
    if state is not None:
        yield from state.nodes
