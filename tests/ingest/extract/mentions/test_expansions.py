"""Acronyms in brackets after a lower-case expansion, and names joined by a slash
(invented sentences)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ingest.extract.mentions import registered  # noqa: F401  (declares the rules)
from ingest.extract.mentions.names import Mention
from ingest.extract.mentions.short_forms import head_short_forms, slash_pairs
from ingest.extract.mentions.structural import acronyms, expansion_before
from ingest.extract.segment.lines import segment


def _pairs(text: str) -> set[tuple[str, str]]:
    return {(a.short.text, a.long.text) for a in acronyms(text, segment(text))}


def test_a_lower_case_expansion_before_its_acronym() -> None:
    text = "Lors du conseil départemental de l'économie solidaire (CDES), on vote."
    assert ("CDES", "conseil départemental de l'économie solidaire") in _pairs(text)


def test_an_acronym_holding_an_acronym() -> None:
    text = "Elle a rejoint la chambre régionale de l'ESS (Cress) en mai."
    assert ("Cress", "chambre régionale de l'ESS") in _pairs(text)


def test_a_word_used_as_an_acronym_before_its_expansion() -> None:
    text = "Elle signe avec l'Orive (Office régional des initiatives vertes et engagées)."
    assert ("Orive", "Office régional des initiatives vertes et engagées") in _pairs(text)
    # a word whose letters the expansion's initials do not spell exactly is no acronym
    assert _pairs("Elle vit à Lomme (Nord, Hauts-de-France) depuis mai.") == set()


def test_a_concept_in_lower_case_is_no_organisation() -> None:
    assert _pairs("Un bail commercial solidaire (BCS) est signé.") == set()


def test_no_expansion_when_the_initials_do_not_spell_the_acronym() -> None:
    text = "la fédération des jardins (XYZ)"
    assert expansion_before(text, text.index(" (XYZ)")) is None


def test_two_names_joined_by_a_slash_with_a_legal_form_are_one() -> None:
    text = "Il cite Roue Libre/SAS Vélo Vert et Atelier Bleu/Terre Vive."
    mentions = [
        Mention(text.index(n), text.index(n) + len(n), "organisation", n)
        for n in ("Roue Libre", "SAS Vélo Vert", "Atelier Bleu", "Terre Vive")
    ]
    assert [(a.short.text, a.long.text) for a in slash_pairs(text, mentions)] == [
        ("Roue Libre", "SAS Vélo Vert")
    ]


@given(st.text(max_size=80))
def test_expansion_before_never_crashes(text: str) -> None:
    for i in range(len(text)):
        span = expansion_before(text, i)
        assert span is None or 0 <= span[0] < span[1] <= i


def test_an_expansion_with_and_inside_spells_its_acronym() -> None:
    text = "Des membres comme le Comité Régional Nautique et Sportif (CRNS) ont voté."
    assert ("CRNS", "Comité Régional Nautique et Sportif") in _pairs(text)


def test_the_expansion_is_the_run_of_words_that_spells_the_acronym() -> None:
    text = (
        "Elle partage le local avec La Friperie des Monts de l'Association des Amis "
        "Solidaires (AAS)."
    )
    pairs = {(p.short.text, p.long.text) for p in acronyms(text, segment(text))}
    assert pairs == {("AAS", "Association des Amis Solidaires")}


def _head(text: str, *names: str) -> list[tuple[str, str]]:
    mentions = [_at(text, n) for n in names]
    found = head_short_forms(text, mentions, frozenset({"ressourcerie", "maison"}))
    return [(text[m.start : m.end], m.text) for m in found if m.rule == "short-head"]


def _at(text: str, name: str) -> Mention:
    start = text.index(name)
    return Mention(start, start + len(name), "organisation", name)


def test_a_typing_head_alone_is_the_one_organisation_it_heads() -> None:
    text = "La Ressourcerie du Val recrute. À Laon, la Ressourcerie a ouvert en 2011."
    assert _head(text, "Ressourcerie du Val") == [("Ressourcerie", "Ressourcerie du Val")]
    # two organisations of that head: which one is anyone's guess
    text = "La Ressourcerie du Val et la Ressourcerie des Monts. La Ressourcerie a ouvert."
    assert _head(text, "Ressourcerie du Val", "Ressourcerie des Monts") == []
    # a complement or a name after the head: another name
    text = "La Maison Bleue aide. La Maison des associations de Laon et la Maison Verte."
    assert _head(text, "Maison Bleue") == []


def test_a_scheme_s_acronym_is_no_organisation() -> None:
    text = "Elle aide les bénéficiaires du Revenu de Solidarité Active (RSA) depuis 2011."
    assert acronyms(text, segment(text)) == []
