"""The sentence around each mention, taken from the document's text at build time.

A mention's ``oa:TextQuoteSelector`` gets ``oa:prefix`` and ``oa:suffix`` (W3C Web
Annotation's own way to give a quote's context): the text from the start of the sentence to
the mention and from the mention to the end of the sentence, each at most ``LIMIT`` code
points. The text comes from ``ESS_DOCUMENTS_DIR`` when the build runs and goes into the store
only, never into ``data/``. A mention whose offsets do not give its exact text is skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from pyoxigraph import Literal, NamedNode, Quad

from ess_core.namespaces import OA

LIMIT = 240
_SENTENCE_END = re.compile(r"[.!?…](?=\s)|\n\s*\n|\n(?=[-•*\d])")


def context(text: str, start: int, end: int, limit: int = LIMIT) -> tuple[str, str]:
    """The sentence's text before ``text[start:end]`` and after it, whitespace folded.

    >>> context("Une phrase. La CRESS anime le réseau. Une autre.", 15, 20)
    ('La ', ' anime le réseau.')
    """
    before = text[max(0, start - limit) : start]
    cut = 0
    for found in _SENTENCE_END.finditer(before):
        cut = found.end()
    prefix = before[cut:]
    after = text[end : end + limit]
    stop = _SENTENCE_END.search(after)
    suffix = after[: stop.end()] if stop else after
    fold = " ".join
    return (fold(prefix.split()) + (" " if prefix[-1:].isspace() else "")).lstrip(), (
        (" " if suffix[:1].isspace() else "") + fold(suffix.split())
    )


def with_passages(quads: Iterable[Quad], text: str) -> Iterator[Quad]:
    """``quads`` of a document's graph, then ``oa:prefix``/``oa:suffix`` of each of their
    quote selectors (``<mention>#quote`` with ``oa:exact``; the mention IRI ends with
    ``-<start>-<end>``)."""
    exact = OA("exact")
    quotes: list[tuple[NamedNode, str, Any]] = []
    for quad in quads:
        yield quad
        if (
            quad.predicate == exact
            and isinstance(quad.subject, NamedNode)
            and isinstance(quad.object, Literal)
        ):
            quotes.append((quad.subject, quad.object.value, quad.graph_name))
    for quote, quoted, graph in quotes:
        mention = quote.value.removesuffix("#quote")
        _, start, end = mention.rsplit("-", 2)
        if not (start.isdigit() and end.isdigit()):
            continue
        begin, stop = int(start), int(end)
        if text[begin:stop] != quoted:
            continue
        prefix, suffix = context(text, begin, stop)
        yield Quad(quote, OA("prefix"), Literal(prefix), graph)
        yield Quad(quote, OA("suffix"), Literal(suffix), graph)
