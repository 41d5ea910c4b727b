"""Links read from one sentence's parse (rule ``link-parse``), on invented sentences: the
subject of the cue's clause, every cue of a sentence, coordinated objects, reversed cues."""

from __future__ import annotations

from typing import Any

from ingest.extract.mentions.document import Document
from ingest.extract.mentions.names import Mention
from ingest.extract.relate.parsed_links import parsed_links
from ingest.extract.segment.normalise import normalise


def _links(nlp: Any, text: str, orgs: list[str]) -> set[tuple[str, str, str]]:
    doc = Document(normalise(text), nlp)
    mentions = []
    for name in orgs:
        start = doc.text.index(name)
        mentions.append(Mention(start, start + len(name), "organisation", name))
    return {
        (r.kind, r.subject.text, r.object.text)
        for r in parsed_links(doc.text, doc.sentences, mentions)
    }


def test_the_subject_of_the_clause_and_each_coordinated_partner(nlp: Any) -> None:
    text = (
        "L'association Terre Vive travaille en partenariat avec Vélocité, Atelier Gris et "
        "la Fondation Arc-en-Ciel."
    )
    found = _links(nlp, text, ["Terre Vive", "Vélocité", "Atelier Gris", "Fondation Arc-en-Ciel"])
    assert found == {
        ("partner-of", "Terre Vive", "Vélocité"),
        ("partner-of", "Terre Vive", "Atelier Gris"),
        ("partner-of", "Terre Vive", "Fondation Arc-en-Ciel"),
    }


def test_a_copula_membership(nlp: Any) -> None:
    text = "La coopérative Vélocité est membre du réseau Terre Vive."
    assert _links(nlp, text, ["Vélocité", "Terre Vive"]) == {
        ("member-of", "Vélocité", "Terre Vive")
    }


def test_a_participle_qualifying_its_noun_is_a_reversed_cue(nlp: Any) -> None:
    text = "Le café Tilleul, porté par l'association Racines Vives, ouvre en mars."
    assert _links(nlp, text, ["Tilleul", "Racines Vives"]) == {
        ("carries", "Racines Vives", "Tilleul")
    }


def test_two_cues_in_one_sentence_each_give_their_link(nlp: Any) -> None:
    text = (
        "La recyclerie Bois Joli est soutenue par la Fondation Arc-en-Ciel et adhérente du "
        "réseau Terre Vive."
    )
    found = _links(nlp, text, ["Bois Joli", "Fondation Arc-en-Ciel", "Terre Vive"])
    assert ("funded-by", "Bois Joli", "Fondation Arc-en-Ciel") in found


def test_no_organisation_subject_no_link(nlp: Any) -> None:
    text = "Le public a rencontré Vélocité en partenariat avec la Ligue Verte."
    assert _links(nlp, text, ["Vélocité", "Ligue Verte"]) == set()


def test_a_list_announced_by_a_colon_after_the_cue(nlp: Any) -> None:
    text = (
        "Le Fonds Horizon a signé une convention avec plusieurs structures du territoire : "
        "Atelier Gris, Vélo Bleu et Pain Doré."
    )
    found = _links(nlp, text, ["Fonds Horizon", "Atelier Gris", "Vélo Bleu", "Pain Doré"])
    assert {(s, o) for _, s, o in found} == {
        ("Fonds Horizon", "Atelier Gris"),
        ("Fonds Horizon", "Vélo Bleu"),
        ("Fonds Horizon", "Pain Doré"),
    }


def test_a_pronoun_subject_stands_for_the_organisation_of_the_sentence_before(nlp: Any) -> None:
    text = (
        "La coopérative Vélocité grandit vite. Hier, elle a signé une convention avec la "
        "Fondation Arc-en-Ciel et Atelier Gris."
    )
    found = _links(nlp, text, ["Vélocité", "Fondation Arc-en-Ciel", "Atelier Gris"])
    assert ("partner-of", "Vélocité", "Fondation Arc-en-Ciel") in found


def test_a_cue_governs_its_object_across_an_inserted_phrase(nlp: Any) -> None:
    text = "La recyclerie Bois Joli est soutenue depuis 2019 par la Fondation Arc-en-Ciel."
    assert _links(nlp, text, ["Bois Joli", "Fondation Arc-en-Ciel"]) == {
        ("funded-by", "Bois Joli", "Fondation Arc-en-Ciel")
    }
