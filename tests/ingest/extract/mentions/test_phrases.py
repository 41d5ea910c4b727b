"""Word lists matched with spaCy's PhraseMatcher over one folded-word ``Doc`` per text
(``ingest.extract.mentions.phrases``), and the curated-name gazetteer built on it, on invented
sentences; hypothesis checks them against the regular expressions they replace."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.extract.mentions.document import Document
from ingest.extract.mentions.gazetteers import load_gazetteers
from ingest.extract.mentions.names import EntityKind
from ingest.extract.mentions.phrases import PhraseLexicon, read_phrases, text_doc
from ingest.extract.mentions.structural import gazetteer_matches, written_like
from ingest.extract.pipeline import mention_stage
from ingest.extract.relate import relations as relate
from ingest.extract.segment.normalise import normalise

REPO = Path(__file__).resolve().parents[4]


def test_one_doc_per_text_with_offsets_into_the_text() -> None:
    text = "L’atelier de Condé-sur-l’Escaut ouvre."
    doc = text_doc(text)
    assert text_doc(text) is doc
    assert [t.text for t in doc][:4] == ["l", "atelier", "de", "conde"]
    lex = PhraseLexicon("demo_places", [("Condé-sur-l'Escaut", "commune")])
    (found,) = lex.matches(text)
    assert text[found.start : found.end] == "Condé-sur-l’Escaut"
    assert found.values == ("commune",)
    assert [s.text for s in doc.spans["demo_places"]] == ["conde sur l escaut"]


def test_a_lexicon_writes_its_span_group_once_and_another_of_the_same_name_its_own() -> None:
    text = "Le Jardin Bleu et la Ruche Verte."
    first = PhraseLexicon("demo_names", [("Jardin Bleu", 1)])
    second = PhraseLexicon("demo_names", [("Ruche Verte", 2)])
    assert [m.values for m in first.matches(text)] == [(1,)]
    assert [m.values for m in second.matches(text)] == [(2,)]
    assert [m.values for m in first.matches(text)] == [(1,)]


def test_read_phrases_reads_left_to_right_the_first_phrase_of_the_list_at_each_place() -> None:
    lex = PhraseLexicon("demo_heads", [("Ville", 0), ("Ville de Lens", 0)])
    text = "La Ville de Lens, la Ville-Haute et la ville."
    assert read_phrases(text, lex, 0, ["Ville de Lens", "Ville"], not_before="-") == [(3, 16)]
    found = read_phrases(text, lex, 0, ["Ville"], ignorecase=True, not_before="-")
    assert [text[s:e] for s, e in found] == ["Ville", "ville"]


_WORDS = ["Le", "le", "Relais", "relais", "Fil", "FIL", "Vert", "de", "la", "l'", "-", ",", "é"]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.sampled_from(_WORDS), max_size=14),
    st.lists(st.sampled_from([" ", "  ", "\n", "", "-"]), min_size=14, max_size=14),
    st.lists(
        st.sampled_from(["Le Relais", "Relais Vert", "Fil", "FIL", "Le Fil Vert"]), min_size=1
    ),
    st.booleans(),
)
def test_read_phrases_finds_what_the_alternation_it_replaces_finds(
    words: list[str], gaps: list[str], phrases: list[str], ignorecase: bool
) -> None:
    text = "".join(w + g for w, g in zip(words, gaps, strict=False))
    order = sorted(set(phrases), key=len, reverse=True)
    lex = PhraseLexicon("demo_alternation", ((p, 0) for p in order))
    alt = "|".join(re.escape(p) for p in order)
    oracle = re.compile(rf"(?<![\w'])(?:{alt})(?![\w-])", re.IGNORECASE if ignorecase else 0)
    expected = [m.span() for m in oracle.finditer(text)]
    found = read_phrases(text, lex, 0, order, ignorecase=ignorecase, not_after="'", not_before="-")
    assert found == expected


def test_gazetteer_names_are_whole_words_longest_first_spaces_may_differ() -> None:
    names: list[tuple[str, EntityKind]] = [
        ("Le Relais", "organisation"),
        ("Le Relais Vert", "organisation"),
        ("ADAV", "organisation"),
    ]
    text = "Le  Relais Vert et l'ADAV aident ; prendre le relais, ADAVE."
    assert [m.text for m in gazetteer_matches(text, names)] == ["ADAV", "Le  Relais Vert"]
    assert written_like("Le \n Relais", "Le Relais")
    assert not written_like("Le-Relais", "Le Relais")


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.sampled_from(_WORDS), max_size=14),
    st.lists(st.sampled_from([" ", "  ", "\n", "", "-"]), min_size=14, max_size=14),
)
def test_gazetteer_finds_what_the_two_alternations_it_replaces_find(
    words: list[str], gaps: list[str]
) -> None:
    text = "".join(w + g for w, g in zip(words, gaps, strict=False))
    names: list[tuple[str, EntityKind]] = [
        ("Le Relais", "organisation"),
        ("Le Relais Vert", "organisation"),
        ("FIL", "organisation"),
        ("Relais de la Fil", "organisation"),
    ]
    found = [(m.start, m.end) for m in gazetteer_matches(text, names)]
    # the regular expressions of the rule before the phrase matcher, without its filters
    expected = []
    for group, flags in (
        (["FIL"], 0),
        (["Le Relais Vert", "Relais de la Fil", "Le Relais"], re.IGNORECASE),
    ):
        alt = "|".join(re.escape(n).replace("\\ ", r"\s+") for n in group)
        for m in re.compile(rf"(?<![\w-])(?:{alt})(?![\w-])", flags).finditer(text):
            if m.group()[0].islower() and " " not in m.group().strip():
                continue
            if m.group().islower() and " ".join(m.group().split()) == "le relais":
                continue
            if (
                " " in m.group().strip()
                and re.sub(r"^(?:[Ll]['’]|[Ll]es? |[Ll]a )", "", m.group()).islower()
                and re.match(r"\s+[«“\"]?\s*[A-ZÀ-Ý]", text[m.end() : m.end() + 4])
            ):
                continue  # a common phrase typing the name after it ("Le relais FIL")
            expected.append(m.span())
    assert found == expected


def test_the_document_holds_one_doc_whose_span_groups_the_stages_fill() -> None:
    gaz = load_gazetteers(REPO / "data")
    text = (
        "Marie Durand, présidente de l'Atelier Vert, installé à Guise, est membre du Réseau Bleu."
    )
    document = Document(normalise(text), None, (), (), gaz)
    mention_stage(document)
    relate.run(document)
    spans = document.doc.spans
    assert document.doc is text_doc(document.text)
    # a span's words are the folded words; offsets() maps them back to the text
    assert "guise" in [s.text for s in spans["places"]]
    assert [s.text for s in spans["roles"]] == ["presidente", "membre"]
    assert "membre" in [s.text for s in spans["link_cues"]]
    assert "installe" in [s.text for s in spans["settle_verbs"]]
    assert document.regions is not None


def test_org_head_words_are_a_list_opening_names_of_capitalised_words() -> None:
    from ingest.extract.mentions.structural import typed_phrases

    text = "Elle anime la Maison du Vélo Solidaire et la maison des Jeunes. Maisons Vertes."
    found = [(m.text, m.rule) for m in typed_phrases(text) if m.rule == "org-head"]
    assert found == [("Maison du Vélo Solidaire", "org-head")]
