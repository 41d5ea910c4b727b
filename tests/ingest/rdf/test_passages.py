"""The sentence around a mention: prefix and suffix of the quote selector."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from pyoxigraph import Literal, NamedNode, Quad

from ess_core.namespaces import OA
from ingest.rdf.passages import LIMIT, context, with_passages

TEXT = "Premier paragraphe.\n\nL'Union locale anime le réseau depuis 2019. Fin."


def test_context_stops_at_sentence_bounds() -> None:
    start = TEXT.index("Union")
    assert context(TEXT, start, start + 5) == ("L'", " locale anime le réseau depuis 2019.")


def test_quotes_get_prefix_and_suffix_when_offsets_match() -> None:
    start = TEXT.index("Union")
    graph = NamedNode("http://example.org/g")
    good = NamedNode(f"http://example.org/id/mention/doc-{start}-{start + 5}#quote")
    bad = NamedNode("http://example.org/id/mention/doc-0-5#quote")
    quads = [
        Quad(good, OA("exact"), Literal("Union"), graph),
        Quad(bad, OA("exact"), Literal("Union"), graph),
    ]
    out = list(with_passages(quads, TEXT))
    added = {(q.subject, q.predicate): q.object.value for q in out[2:]}
    assert added == {
        (good, OA("prefix")): "L'",
        (good, OA("suffix")): " locale anime le réseau depuis 2019.",
    }


@given(st.text(max_size=600), st.integers(0, 600), st.integers(0, 40))
def test_context_is_short_and_single_spaced(text: str, start: int, width: int) -> None:
    start = min(start, len(text))
    prefix, suffix = context(text, start, min(len(text), start + width))
    assert len(prefix) <= LIMIT + 1 and len(suffix) <= LIMIT + 1
    assert "  " not in prefix and "  " not in suffix
