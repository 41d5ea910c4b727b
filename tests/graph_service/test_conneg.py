"""Accept parsing and format choice: q-values, wildcards, parameters, malformed input."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ess_core.errors import NotAcceptable
from graph_service.conneg import negotiate, parse_accept, preferred, result_format
from graph_service.media_types import OFFERED, format_name

TABLE = OFFERED["solutions"]
GRAPH = OFFERED["graph"]


@pytest.mark.parametrize(
    ("accept", "offered", "expected"),
    [
        (None, TABLE, "application/sparql-results+json"),
        ("", GRAPH, "text/turtle"),
        ("*/*", GRAPH, "text/turtle"),
        ("text/csv", TABLE, "text/csv"),
        ("text/csv;q=0.5, application/sparql-results+xml", TABLE, "application/sparql-results+xml"),
        ("text/*", TABLE, "text/xml"),
        ("text/*;q=0.9, text/csv", TABLE, "text/csv"),
        (
            "application/*;q=0.1, text/tab-separated-values;q=0.2",
            TABLE,
            "text/tab-separated-values",
        ),
        ("text/turtle;q=0, */*", GRAPH, "application/n-triples"),
        ("*/*;q=0.1, application/rdf+xml", GRAPH, "application/rdf+xml"),
        ("text/csv, */*", TABLE, "text/csv"),  # named beats wildcard at equal q
        (
            'application/ld+json; profile="http://www.w3.org/ns/json-ld#compacted"',
            GRAPH,
            "application/ld+json",
        ),
        ("TEXT/TURTLE", GRAPH, "text/turtle"),
        (
            "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
            TABLE,
            "application/xml",
        ),
        ("garbage", GRAPH, "text/turtle"),  # nothing valid: as if absent
        ("text/csv;q=2", TABLE, "application/sparql-results+json"),  # invalid q dropped
        ("image/png", TABLE, None),
        ("*/*;q=0", TABLE, None),
    ],
)
def test_preferred(accept: str | None, offered: tuple[str, ...], expected: str | None) -> None:
    assert preferred(accept, offered) == expected


def test_parse_accept_reads_q_and_ignores_extensions() -> None:
    (first, second) = parse_accept("text/turtle;q=0.3;level=1, application/*;charset=utf-8")
    assert (first.type, first.subtype, first.q, first.params) == ("text", "turtle", 0.3, 0)
    assert (second.subtype, second.q, second.params) == ("*", 1.0, 1)


def test_result_format_refuses_with_the_offered_list() -> None:
    with pytest.raises(NotAcceptable) as caught:
        result_format("boolean", "text/csv")
    assert caught.value.status == 406
    assert "application/sparql-results+json" in caught.value.errors


def test_negotiate_refuses_with_the_offered_list() -> None:
    with pytest.raises(NotAcceptable) as caught:
        negotiate("image/png", ("application/json", "application/ld+json"))
    assert caught.value.errors == ["application/json", "application/ld+json"]


@pytest.mark.parametrize("kind", ["solutions", "boolean", "graph"])
def test_every_offered_media_type_has_a_pyoxigraph_format(kind: str) -> None:
    for media_type in OFFERED[kind]:  # type: ignore[index]
        assert format_name(kind, media_type)  # type: ignore[arg-type]
    assert result_format(kind, None)[0] == OFFERED[kind][0]  # type: ignore[arg-type,index]


_type = st.sampled_from(["text", "application", "*", "image", "x-y"])
_subtype = st.sampled_from(["turtle", "csv", "*", "sparql-results+json", "n-triples", "png"])
_q = st.one_of(st.none(), st.floats(0, 1).map(lambda q: f"{q:.3f}"), st.text(max_size=4))
_range = st.builds(
    lambda t, s, q, extra: f"{t}/{s}" + (f";q={q}" if q is not None else "") + extra,
    _type,
    _subtype,
    _q,
    st.sampled_from(["", ";charset=utf-8", ";level=1"]),
)


@given(st.text(max_size=200))
def test_never_crashes_on_any_text(header: str) -> None:
    for kind in ("solutions", "boolean", "graph"):
        result = preferred(header, OFFERED[kind])
        assert result is None or result in OFFERED[kind]


@given(st.lists(_range, min_size=1, max_size=6))
def test_choice_respects_q_values(ranges: list[str]) -> None:
    header = ", ".join(ranges)
    parsed = parse_accept(header)

    def q_of(media_type: str) -> float:
        scored = [(r.specificity(media_type), r.q) for r in parsed]
        specificity, q = max(scored)
        return q if specificity >= 0 else 0.0

    for offered in (TABLE, GRAPH):
        chosen = preferred(header, offered)
        best = max(q_of(m) for m in offered) if parsed else 1.0
        if chosen is None:
            assert best == 0.0
        else:
            assert not parsed or q_of(chosen) == best
            assert best > 0
