"""Segmentation types the lines the rules rely on."""

from __future__ import annotations

from ingest.extract.segment.lines import quote_header_body, segment

TEXT = """# Portrait de la Ruche

## “ LUCIE MARTIN - La Ruche / Réseau Alpha de 2015 à 2019

Hugo BERNARD

Trésorier de la Ruche

laruche-solidaire.fr
1- Réseau Alpha des Lieux Partagés
Sommaire ..... 12
Une phrase ordinaire de prose."""


def test_line_kinds_and_sections() -> None:
    lines = [ln for ln in segment(TEXT) if ln.kind != "blank"]
    kinds = [ln.kind for ln in lines]
    assert kinds == [
        "heading",
        "quote_header",
        "name",
        "paragraph",
        "website",
        "footnote",
        "table_row",
        "paragraph",
    ]
    assert {ln.section for ln in lines[1:]} == {"Portrait de la Ruche"}


def test_line_offsets_point_into_the_text() -> None:
    for line in segment(TEXT):
        assert TEXT[line.start : line.end] == line.text


def test_quote_header_body() -> None:
    header = next(ln for ln in segment(TEXT) if ln.kind == "quote_header")
    start, body = quote_header_body(header)  # type: ignore[misc]
    assert body.startswith("LUCIE MARTIN - La Ruche")
    assert TEXT[start : start + len(body)] == body
