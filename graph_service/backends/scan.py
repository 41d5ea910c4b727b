"""A small SPARQL tokenizer: the query form and the SERVICE endpoints of a query text.

It ignores comments, strings and IRIs, applies codepoint escapes first (as SPARQL 1.1 §19.2
says), resolves prefixed names and relative IRIs, and stops at the first form keyword when
only the form is asked for. It does not validate the query: the store's parser does that.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal
from urllib.parse import urljoin

QueryForm = Literal["SELECT", "ASK", "CONSTRUCT", "DESCRIBE"]
_FORMS: frozenset[str] = frozenset({"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"})

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_PN = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\uffff"
_TOKEN = re.compile(
    rf"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
       |"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
  | (?P<iri><[^<>"{{}}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][0-9_{_PN}\u00b7]+)
  | (?P<pname>(?:[{_PN}](?:[-.\w\u00b7{_PN}]*[-\w\u00b7{_PN}])?)?:
       (?:(?:[-:.\w\u00b7{_PN}]|%[0-9A-Fa-f]{{2}}|\\[-_~.!$&'()*+,;=/?\#@%])*
          (?:[-:\w\u00b7{_PN}]|%[0-9A-Fa-f]{{2}}|\\[-_~.!$&'()*+,;=/?\#@%]))?)
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_LOCAL_ESCAPE = re.compile(r"\\(.)")


@dataclass
class ServiceCall:
    """One SERVICE clause: its endpoint IRI, or ``None`` when the endpoint is a variable."""

    endpoint: str | None
    text: str
    silent: bool = False


@dataclass
class Scan:
    """What the tokenizer found in a query."""

    form: QueryForm | None = None
    services: list[ServiceCall] = field(default_factory=list)
    has_from: bool = False
    """A FROM or FROM NAMED clause names the dataset."""
    single_scan: bool = False
    """See :func:`is_single_scan`."""


def unescape_codepoints(text: str) -> str:
    """Apply SPARQL's ``\\uXXXX`` / ``\\UXXXXXXXX`` escapes (done before parsing)."""
    if "\\u" not in text and "\\U" not in text:
        return text
    return _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)


def _tokens(text: str) -> list[tuple[str, str]]:
    return [
        (m.lastgroup or "other", m.group())
        for m in _TOKEN.finditer(text)
        if m.lastgroup not in ("ws", "comment")
    ]


def scan(query: str, *, services: bool = True) -> Scan:
    """Tokenize ``query`` once: its form, FROM, single-scan shape, SERVICE clauses.

    The scans of the last texts up to 4 KiB are cached (the REST API and most clients send
    the same texts again, with other substitutions or none): treat the result as read-only.
    """
    if len(query) <= CACHED_TEXT:
        return _scan_cached(query, services)
    return _scan(query, services)


CACHED_TEXT = 4096


@lru_cache(maxsize=1024)
def _scan_cached(query: str, services: bool) -> Scan:
    return _scan(query, services)


def _scan(query: str, services: bool) -> Scan:
    text = unescape_codepoints(query)
    found = Scan()
    base = ""
    prefixes: dict[str, str] = {}
    tokens = _tokens(text)
    found.single_scan = _single_scan(tokens)
    i = 0
    while i < len(tokens):
        kind, value = tokens[i]
        upper = value.upper() if kind == "word" else ""
        if upper == "BASE" and i + 1 < len(tokens) and tokens[i + 1][0] == "iri":
            base = urljoin(base, tokens[i + 1][1][1:-1])
            i += 2
            continue
        if upper == "PREFIX" and i + 2 < len(tokens) and tokens[i + 2][0] == "iri":
            prefixes[tokens[i + 1][1].rstrip(":")] = urljoin(base, tokens[i + 2][1][1:-1])
            i += 3
            continue
        if upper in _FORMS and found.form is None:
            found.form = upper  # type: ignore[assignment]
        elif upper == "FROM":
            found.has_from = True
        elif upper == "SERVICE" and services:
            found.services.append(_service_at(tokens, i, base, prefixes))
        i += 1
    return found


def _prologue_tokens(text: str) -> list[tuple[str, str]]:
    """Tokens up to and including the first form keyword (the fast path)."""
    out: list[tuple[str, str]] = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "other"
        if kind in ("ws", "comment"):
            continue
        out.append((kind, m.group()))
        if kind == "word" and m.group().upper() in _FORMS:
            break
    return out


def _service_at(
    tokens: list[tuple[str, str]], i: int, base: str, prefixes: dict[str, str]
) -> ServiceCall:
    j = i + 1
    silent = j < len(tokens) and tokens[j][0] == "word" and tokens[j][1].upper() == "SILENT"
    if silent:
        j += 1
    if j >= len(tokens):
        return ServiceCall(None, "SERVICE", silent)
    kind, value = tokens[j]
    if kind == "iri":
        return ServiceCall(urljoin(base, value[1:-1]), value, silent)
    if kind == "pname":
        prefix, _, local = value.partition(":")
        if prefix in prefixes:
            return ServiceCall(prefixes[prefix] + _LOCAL_ESCAPE.sub(r"\1", local), value, silent)
    return ServiceCall(None, value, silent)


def where_group_start(text: str) -> int | None:
    """Offset just after the ``{`` that opens the query's WHERE group (``text`` without
    codepoint escapes); None without one, or for ``CONSTRUCT WHERE { … }``, whose group is
    also its template and may hold only triples."""
    form: str | None = None
    parens = 0
    template = 0  # CONSTRUCT: 1 inside the template, 2 after it
    depth = 0
    for m in _TOKEN.finditer(text):
        kind, value = m.lastgroup, m.group()
        if kind in ("ws", "comment", "string", "iri"):
            continue
        upper = value.upper() if kind == "word" else ""
        if form is None:
            form = upper if upper in _FORMS else None
        elif value == "(":
            parens += 1
        elif value == ")":
            parens -= 1
        elif form == "CONSTRUCT" and template < 2:
            if upper == "WHERE" and template == 0:
                return None  # the short form
            if value == "{":
                depth, template = depth + 1, 1
            elif value == "}":
                depth -= 1
                template = 2 if depth == 0 else 1
        elif value == "{" and parens == 0:
            return m.end()
    return None


def query_form(query: str) -> QueryForm | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE; None when the text has no form keyword."""
    return scan(query, services=False).form


def is_single_scan(query: str) -> bool:
    """True for ``SELECT``/``ASK`` over exactly one triple pattern (no path, no modifier but
    LIMIT): its evaluation is one lazy index scan, so its work grows only with its output."""
    return _single_scan(_tokens(unescape_codepoints(query)))


def _single_scan(tokens: list[tuple[str, str]]) -> bool:
    i = 0
    while i < len(tokens) and tokens[i][1].upper() in ("BASE", "PREFIX"):
        i += 2 if tokens[i][1].upper() == "BASE" else 3
    if i >= len(tokens) or tokens[i][0] != "word":
        return False
    form = tokens[i][1].upper()
    i += 1
    if form == "SELECT":
        start = i
        while i < len(tokens) and (tokens[i][0] == "var" or tokens[i][1] == "*"):
            i += 1
        if i == start:
            return False
    elif form != "ASK":
        return False
    if i < len(tokens) and tokens[i][1].upper() == "WHERE":
        i += 1
    if i >= len(tokens) or tokens[i][1] != "{":
        return False
    i += 1
    variables = []
    for position in range(3):
        if i < len(tokens) and tokens[i][0] == "var":
            variables.append(tokens[i][1][1:])
        i = _term_end(tokens, i, position)
        if i < 0:
            return False
    if len(set(variables)) < len(variables):  # ?x ?p ?x filters a whole scan: not lazy
        return False
    if i < len(tokens) and tokens[i][1] == ".":
        i += 1
    if i >= len(tokens) or tokens[i][1] != "}":
        return False
    rest = tokens[i + 1 :]
    if rest and rest[0][1].upper() == "LIMIT":
        return len(rest) > 1 and all(t[1].isdigit() for t in rest[1:])
    return not rest


def _term_end(tokens: list[tuple[str, str]], i: int, position: int) -> int:
    """Index after the RDF term starting at ``i`` (-1 if there is none)."""
    if i >= len(tokens):
        return -1
    kind, value = tokens[i]
    if kind in ("var", "iri", "pname") or (position == 1 and value == "a"):
        return i + 1
    if kind != "string" or position != 2:
        return -1
    i += 1
    if i < len(tokens) and tokens[i][1] == "@" and i + 1 < len(tokens):
        i += 2
        while i + 1 < len(tokens) and tokens[i][1] == "-" and tokens[i + 1][0] == "word":
            i += 2
    elif i + 2 < len(tokens) and tokens[i][1] == tokens[i + 1][1] == "^":
        i = i + 3 if tokens[i + 2][0] in ("iri", "pname") else -1
    return i
