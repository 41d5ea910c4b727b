"""Relation rules: roles with dates, changes of organisations, links, locations."""

from __future__ import annotations

from ingest.extract.mentions.structural import Mention
from ingest.extract.pipeline import find_mentions
from ingest.extract.relate import relations as relate
from ingest.extract.segment.lines import segment
from ingest.extract.segment.normalise import normalise


def _relations(
    text: str, gazetteer: list[tuple[str, str]] | None = None, places: tuple[str, ...] = ()
) -> set[tuple[object, ...]]:
    norm = normalise(text)
    found, _, people = find_mentions(norm, None, gazetteer or [], places)  # type: ignore[arg-type]
    lines = segment(norm.text)
    rels = (
        relate.header_roles(norm.text, lines, found)
        + relate.role_line_roles(norm.text, people)
        + relate.appositions(norm.text, found)
        + relate.changes(norm.text, found)
        + relate.links(norm.text, found)
        + relate.located(norm.text, found)
        + relate.portrait_lines(norm.text, lines, found)
    )
    return {(r.kind, r.subject.text, r.object.text, r.role, r.start_year, r.end_year) for r in rels}


def test_years() -> None:
    assert relate.years("(de 2017 à 2022)") == (2017, 2022)
    assert relate.years("depuis fin 2023") == (2023, None)
    assert relate.years("en 2019") == (None, None)


def test_role_label() -> None:
    assert relate.role_label("Fondateur et directeur de la ") == "Fondateur et directeur"
    assert relate.role_label("Co-fondatrice de l'association ") == "Co-fondatrice"
    assert (
        relate.role_label("Chargé de mission développement, ") == "Chargé de mission développement"
    )


def test_role_line_roles_with_dates() -> None:
    text = (
        "Hugo BERNARD\n\nTrésorier de l'association La Ruche (depuis 2020), "
        "co-président du GRAAL (de 2012 à 2018)\n"
    )
    rels = _relations(text, [("GRAAL", "organisation")])
    assert ("role", "Hugo BERNARD", "Ruche", "Trésorier", 2020, None) in rels
    assert ("role", "Hugo BERNARD", "GRAAL", "Co-président", 2012, 2018) in rels


def test_quote_header_roles() -> None:
    rels = _relations("## “ LUCIE MARTIN - La Ruche de 2015 à 2019\n\nTexte.")
    assert rels == {("role", "LUCIE MARTIN", "La Ruche", None, 2015, 2019)}


def test_apposition() -> None:
    text = "Selon Camille Lefort, présidente de la Maison des Familles, le quartier change."
    rels = _relations(text + " Camille Lefort et Hugo Bernard", [("Camille Lefort", "person")])
    assert ("role", "Camille Lefort", "Maison des Familles", "Présidente", None, None) in rels


def test_founding_dissolution_and_renaming() -> None:
    text = (
        "La création de l'association Alpha Solidaire en 1994 a compté. "
        "L'association Beta Partage a été créée en 2003 et liquidée en 2011. "
        "L'Union Locale des Jardins en 1999, devenue GRAAL en 2008, s'agrandit."
    )
    rels = _relations(
        text, [("GRAAL", "organisation"), ("Union Locale des Jardins", "organisation")]
    )
    assert ("founded", "Alpha Solidaire", "Alpha Solidaire", None, 1994, None) in rels
    assert ("founded", "Beta Partage", "Beta Partage", None, 2003, None) in rels
    assert ("dissolved", "Beta Partage", "Beta Partage", None, 2011, None) in rels
    assert ("renamed", "Union Locale des Jardins", "GRAAL", None, 2009 - 1, None) in rels


def test_links_and_location() -> None:
    text = (
        "La Maison des Familles a noué un partenariat avec la Ligue des Jardiniers. "
        "Le collectif Graine, porté par l'association Alpha Solidaire, grandit. "
        "Kiosque Vert est une association de Tourcoing."
    )
    rels = _relations(text, [("Kiosque Vert", "organisation")], ("Tourcoing",))
    assert ("partner-of", "Maison des Familles", "Ligue des Jardiniers", None, None, None) in rels
    assert ("carries", "Alpha Solidaire", "Graine", None, None, None) in rels
    assert ("located-in", "Kiosque Vert", "Tourcoing", None, None, None) in rels


def test_portrait_lines() -> None:
    text = (
        "## Portrait de la Communauté de Communes du Val Vert\n\n"
        "Président Hugo Bernard (depuis 2014)\n\nSiège Tourcoing\n"
    )
    found = [
        Mention(
            text.index("Hugo Bernard"), text.index("Hugo Bernard") + 12, "person", "Hugo Bernard"
        )
    ]
    norm = normalise(text)
    found2, _, _ = find_mentions(norm, None, [], ("Tourcoing",))
    rels = relate.portrait_lines(norm.text, segment(norm.text), sorted(found + found2))
    assert {(r.kind, r.object.text, r.start_year) for r in rels} == {
        ("role", "Communauté de Communes du Val Vert", 2014),
        ("located-in", "Tourcoing", None),
    }


def test_an_apposition_reads_past_a_copula_and_not_across_a_paragraph() -> None:
    text = (
        "Trois questions à Anne Roux\n\n"
        "Anne Roux est directrice de l'association Terre Vive depuis 2015."
    )
    found = {
        (r.subject.start, r.role)
        for r in relate.appositions(
            text,
            [
                Mention(18, 27, "person", "Anne Roux"),
                Mention(29, 38, "person", "Anne Roux"),
                Mention(
                    text.index("Terre Vive"),
                    text.index("Terre Vive") + 10,
                    "organisation",
                    "Terre Vive",
                ),
            ],
        )
    }
    assert found == {(29, "Directrice")}


def test_an_apposition_without_a_title_is_no_role() -> None:
    text = "Anne Roux, se félicite du soutien de Terre Vive. Paul Xavier, trésorier de Terre Vive."
    mentions = [
        Mention(0, 9, "person", "Anne Roux"),
        Mention(
            text.index("Terre Vive"), text.index("Terre Vive") + 10, "organisation", "Terre Vive"
        ),
        Mention(text.index("Paul"), text.index("Paul") + 11, "person", "Paul Xavier"),
        Mention(
            text.rindex("Terre Vive"), text.rindex("Terre Vive") + 10, "organisation", "Terre Vive"
        ),
    ]
    found = {(r.subject.text, r.role) for r in relate.appositions(text, mentions)}
    assert found == {("Paul Xavier", "Trésorier")}
