"""Located-in: a list of organisations settled in a commune, and communes inside names
(invented sentences; the place names are looked up in the committed reference data)."""

from __future__ import annotations

from pathlib import Path

from ingest.extract.mentions.document import Document
from ingest.extract.mentions.gazetteers import load_gazetteers
from ingest.extract.mentions.names import Mention
from ingest.extract.relate.general import general_located
from ingest.extract.relate.links import located
from ingest.extract.relate.location_cues import addressed, in_communes
from ingest.extract.segment.normalise import normalise

REPO = Path(__file__).resolve().parents[4]


def _m(text: str, name: str, kind: str) -> Mention:
    start = text.index(name)
    return Mention(start, start + len(name), kind, name)  # type: ignore[arg-type]


def _settled(text: str, *orgs: str, place: str = "Guise") -> set[tuple[str, str]]:
    mentions = [*(_m(text, o, "organisation") for o in orgs), _m(text, place, "territory")]
    return {(r.subject.text, r.object.text) for r in general_located(text, sorted(mentions))}


def test_a_plural_settling_verb_locates_every_organisation_of_the_list() -> None:
    text = "Atelier Bleu et Terre Vive, deux associations du bassin, occupent des locaux à Guise."
    assert _settled(text, "Atelier Bleu", "Terre Vive") == {
        ("Atelier Bleu", "Guise"),
        ("Terre Vive", "Guise"),
    }
    text = "Atelier Bleu, Pas Sage et Terre Vive sont installées depuis mai à Guise."
    assert len(_settled(text, "Atelier Bleu", "Pas Sage", "Terre Vive")) == 3


def test_a_singular_settling_verb_locates_the_last_organisation_only() -> None:
    text = "Le fonds Vert aide Atelier Bleu et Terre Vive, installée depuis mai à Guise."
    assert _settled(text, "fonds Vert", "Atelier Bleu", "Terre Vive") == {("Terre Vive", "Guise")}
    # an adverb ending like a plural verb does not make the verb plural
    text = "Atelier Bleu et Terre Vive, installée actuellement à Guise, recrute."
    assert _settled(text, "Atelier Bleu", "Terre Vive") == {("Terre Vive", "Guise")}


def test_the_seat_of_an_organisation_lies_in_its_commune() -> None:
    text = "Le siège de l'association Terre Vive se situe à Guise, près de la gare."
    assert _settled(text, "Terre Vive") == {("Terre Vive", "Guise")}
    text = "Les ateliers de Terre Vive se trouvent depuis 2019 à Guise."
    assert _settled(text, "Terre Vive") == {("Terre Vive", "Guise")}


def test_a_sentence_opening_on_a_kind_of_organisation_settles_the_text_s_own() -> None:
    def settled(text: str) -> set[tuple[str, str]]:
        second = text.index("Terre Vive", text.index("Terre Vive") + 1)
        mentions = [
            _m(text, "Terre Vive", "organisation"),
            Mention(second, second + 10, "organisation", "Terre Vive"),
            _m(text, "Guise", "territory"),
        ]
        return {(r.subject.text, r.object.text) for r in general_located(text, sorted(mentions))}

    text = "Terre Vive, agence de conseil. Terre Vive recrute. Une Scop basée à Guise."
    assert settled(text) == {("Terre Vive", "Guise")}
    text = "Terre Vive, agence de conseil. Terre Vive recrute. Un lycée basé à Guise."
    assert settled(text) == set()


def _in_name(text: str, org: str, place: str) -> set[tuple[str, str]]:
    doc = Document(normalise(text), gazetteers=load_gazetteers(REPO / "data"))
    start = text.index(org) + org.index(place)
    doc.mentions = [
        _m(text, org, "organisation"),
        Mention(start, start + len(place), "territory", place),
    ]
    rule = in_communes(lambda d: located(d.text, d.mentions))
    return {(r.subject.text, r.object.text) for r in rule(doc)}


def test_a_commune_inside_a_name_lies_in_a_region_the_document_names() -> None:
    org = "Ferme des Hauts de Lorette"
    assert _in_name(f"Dans la Somme, la {org} recrute.", org, "Lorette") == set()
    assert _in_name(f"Dans la Loire, la {org} recrute.", org, "Lorette") == {(org, "Lorette")}
    assert _in_name(f"Hier, la {org} recrute.", org, "Lorette") == {(org, "Lorette")}
    org = "Maison du Vélo de Guise"
    assert _in_name(f"Dans la Somme, la {org} recrute.", org, "Guise") == {(org, "Guise")}


def test_a_typing_noun_in_apposition_then_the_commune() -> None:
    assert _settled("Vélo Pour Tous, association de Guise, répare.", "Vélo Pour Tous") == {
        ("Vélo Pour Tous", "Guise")
    }
    text = "Atelier Bleu et Terre Vive, deux coopératives de Guise, recrutent."
    assert _settled(text, "Atelier Bleu", "Terre Vive") == {
        ("Atelier Bleu", "Guise"),
        ("Terre Vive", "Guise"),
    }
    # too many words between the noun and the commune: the commune is about something else
    text = "Terre Vive, une association de soutien aux artistes de Guise, recrute."
    assert _settled(text, "Terre Vive") == set()


def _addressed(text: str, org: str, place: str) -> set[tuple[str, str]]:
    mentions = [_m(text, org, "organisation"), _m(text, place, "territory")]
    return {(r.subject.text, r.object.text) for r in addressed(text, mentions)}


def test_an_address_block_locates_the_organisation_at_its_top() -> None:
    text = "Contact\nAtelier Bleu\n12 rue des Lilas\n80100 Abbeville\n"
    assert _addressed(text, "Atelier Bleu", "Abbeville") == {("Atelier Bleu", "Abbeville")}
    text = "Atelier Bleu, 12 rue des Lilas, 80100 Abbeville."
    assert _addressed(text, "Atelier Bleu", "Abbeville") == {("Atelier Bleu", "Abbeville")}
    # a line of prose between the name and the postal code: no address block
    text = "Atelier Bleu recrute.\nLe projet avance bien cette année.\n80100 Abbeville\n"
    assert _addressed(text, "Atelier Bleu", "Abbeville") == set()


def test_a_sentence_opening_on_a_settling_participle_and_its_commune() -> None:
    text = "Installée depuis 2012 à Guise, la coopérative Terre Vive recrute."
    assert _settled(text, "Terre Vive") == {("Terre Vive", "Guise")}
    text = "Fondée en 2010 à Guise, la coopérative Terre Vive recrute."
    assert _settled(text, "Terre Vive") == {("Terre Vive", "Guise")}
    text = "Hier à Guise, la coopérative Terre Vive a recruté."
    assert _settled(text, "Terre Vive") == set()
