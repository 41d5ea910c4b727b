"""Cut a normalised document into typed lines inside sections.

Kinds: ``heading`` (markdown ``#`` titles or short upper-case lines), ``quote_header``
(``“ NAME - Structure`` introducing a quote), ``name`` (a person's name alone on a line, as
in annexes and signatures), ``list_item``, ``table_row`` (tab-separated), ``website``,
``footnote`` (``1- …``, ``* …``), ``blank`` and ``paragraph``. Each line knows the title of
the section it is in, so rules can tell an annex or an acronym list from prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

LineKind = Literal[
    "heading",
    "quote_header",
    "name",
    "list_item",
    "table_row",
    "website",
    "footnote",
    "blank",
    "paragraph",
]

_HEADING = re.compile(r"^#{1,6}\s+")
_QUOTE_HEADER = re.compile(
    r"^(?:#{1,6}\s*)?(?:“\s*)?(?P<body>[A-ZÀ-Ý][A-ZÀ-Ý'’-]+(?: [A-ZÀ-Ý][A-ZÀ-Ý'’-]+){1,3} - \S.*)$"
)
_WEBSITE = re.compile(
    r"^<?(?:https?://)?(?:www\.)?[a-z0-9][a-z0-9.-]*\.(?:fr|net|com|org|eu|info)(?:/\S*)?>?$",
    re.IGNORECASE,
)
_FOOTNOTE = re.compile(r"^(?:\d{1,2}\s*-\s+|\*{1,3}\s+)\S")
_LIST_ITEM = re.compile(r"^\s*(?:[-–—•]\s+|\d+[.)]\s+)")
_NAME_WORD = r"[A-ZÀ-Ý][A-Za-zÀ-ÿ'’]*(?:-[A-ZÀ-Ý][A-Za-zÀ-ÿ'’]*)*"
_NAME_LINE = re.compile(rf"^{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}}$")


@dataclass(frozen=True)
class Line:
    """One line of the normalised text: ``text == normalised[start:end]``."""

    start: int
    end: int
    text: str
    kind: LineKind
    section: str


def _kind(stripped: str) -> LineKind:
    if not stripped:
        return "blank"
    if "....." in stripped:
        return "table_row"  # a table of contents line
    if _QUOTE_HEADER.match(stripped):
        return "quote_header"
    if _HEADING.match(stripped):
        return "heading"
    if _WEBSITE.match(stripped):
        return "website"
    if "\t" in stripped or stripped.count(" | ") >= 1:
        return "table_row"
    if _FOOTNOTE.match(stripped):
        return "footnote"
    if _LIST_ITEM.match(stripped):
        return "list_item"
    if (
        _NAME_LINE.match(stripped)
        and len(stripped) <= 40
        and any(w.isupper() and len(w) > 1 for w in stripped.replace("-", " ").split())
        and (not stripped.isupper() or " " in stripped)
    ):
        return "name"
    if stripped.isupper() and 3 < len(stripped) <= 90 and sum(c.isalpha() for c in stripped) > 3:
        return "heading"
    return "paragraph"


def segment(text: str) -> list[Line]:
    """Typed lines of ``text`` with their section titles."""
    lines: list[Line] = []
    section = ""
    offset = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        lead = len(raw) - len(raw.lstrip())
        start = offset + lead
        kind = _kind(stripped)
        if kind == "heading":
            section = _HEADING.sub("", stripped).strip()
        lines.append(Line(start, start + len(stripped), stripped, kind, section))
        offset += len(raw) + 1
    return lines


def quote_header_body(line: Line) -> tuple[int, str] | None:
    """Offset and text of a quote header's ``NAME - Structure`` part."""
    match = _QUOTE_HEADER.match(line.text)
    if match is None:
        return None
    return line.start + match.start("body"), match.group("body")
