"""Small lexical helpers over SPARQL text, shared by the HTTP layer and the backends.

They skip comments, strings and IRIs, so a keyword inside a literal never counts.
"""

from __future__ import annotations

import re

from ess_core.errors import BadRequest

_OPAQUE = (
    r"#[^\n]*|\"\"\"(?:[^\"\\]|\\.|\"(?!\"\"))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r"|\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'|<[^<>\"{}|^`\\\s]*>"
)
_KEYWORD = r"(?<![\w?$:])(?:FROM|WHERE|USING|WITH|DELETE|INSERT)(?![\w:-])"
_BAD_IRI = re.compile(r"[<>\"{}|^`\\\s]")
_TOKENS = re.compile(rf"({_OPAQUE})|([{{}}])|({_KEYWORD})", re.IGNORECASE | re.DOTALL)


def has_dataset_clause(query: str) -> bool:
    """Whether a query names its own dataset with FROM / FROM NAMED."""
    return any(m.group(3) and m.group(3).upper() == "FROM" for m in _TOKENS.finditer(query))


def with_using(update: str, graphs: list[str], named: list[str]) -> str:
    """Apply the protocol's using-graph-uri / using-named-graph-uri to every operation.

    Each top-level ``WHERE`` of a DELETE/INSERT operation gets the matching USING clauses;
    an update that has its own USING or WITH is a conflict (400), as the protocol says.
    """
    for iri in (*graphs, *named):
        if _BAD_IRI.search(iri) or not iri:
            raise BadRequest(f"Invalid graph IRI in the update dataset: {iri!r}")
    using = "".join(f" USING <{g}>" for g in graphs) + "".join(f" USING NAMED <{g}>" for g in named)
    parts: list[str] = []
    depth, last, start = 0, "", 0
    for match in _TOKENS.finditer(update):
        brace, keyword = match.group(2), (match.group(3) or "").upper()
        if brace:
            depth += 1 if brace == "{" else -1
        if depth != 0 or match.group(1):
            continue
        if keyword in ("USING", "WITH"):
            raise BadRequest(
                "using-graph-uri and using-named-graph-uri conflict with USING or WITH "
                "in the update."
            )
        if keyword == "WHERE" and last != "DELETE":  # DELETE WHERE takes no USING
            parts += [update[start : match.start()], using.strip(), " "]
            start = match.start()
        last = keyword or brace or last
    return "".join(parts) + update[start:]
