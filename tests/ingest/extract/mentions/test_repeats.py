"""Later occurrences of an organisation's name (rule ``repeat``), on invented sentences."""

from __future__ import annotations

from ingest.extract.mentions import registered  # noqa: F401  (declares the rules)
from ingest.extract.mentions.names import Mention
from ingest.extract.mentions.repeats import repeated

TEXT = "Le Jardin Pompon ouvre. À Lens, Jardin Pompon cultive ; la Ville aide le Jardin Pompons."


def _org(text: str, name: str, rule: str = "typed-name", method: str = "rule") -> Mention:
    start = text.index(name)
    return Mention(start, start + len(name), "organisation", name, method, 0.8, rule)  # type: ignore[arg-type]


def test_a_name_found_once_is_found_where_it_stands_again() -> None:
    found = repeated(TEXT, [_org(TEXT, "Jardin Pompon")], [])
    assert [(m.start, m.rule) for m in found] == [(3, "typed-name"), (32, "repeat")]
    assert all(m.text == "Jardin Pompon" for m in found)  # not inside "Jardin Pompons"


def test_short_forms_model_names_and_skipped_lines_are_not_repeated() -> None:
    short = Mention(TEXT.index("Ville"), TEXT.index("Ville") + 5, "organisation", "Ville de Lens")
    model = _org(TEXT, "Jardin Pompon", "spacy-org", "model")
    assert repeated(TEXT, [short], []) == [short]
    assert repeated(TEXT, [model], []) == [model]
    assert [m.start for m in repeated(TEXT, [_org(TEXT, "Jardin Pompon")], [(25, 60)])] == [3]


def test_a_model_person_of_the_same_words_gives_way() -> None:
    person = Mention(32, 45, "person", "Jardin Pompon", "model", 0.6, "spacy-per")  # type: ignore[arg-type]
    found = repeated(TEXT, [_org(TEXT, "Jardin Pompon"), person], [])
    assert [(m.start, m.kind) for m in found] == [(3, "organisation"), (32, "organisation")]


def test_a_name_written_again_with_another_case_replaces_its_cut_off_start() -> None:
    text = "Baptisée « Mon P'tit Panier », l'épicerie ouvre. L'épicerie Mon p’tit panier roule."
    full = _org(text, "Mon P'tit Panier", "cue-quoted")
    cut = Mention(text.index("Mon p’tit"), text.index("Mon p’tit") + 3, "organisation", "Mon")
    found = repeated(text, [full, cut], [])
    assert [(text[m.start : m.end], m.text, m.rule) for m in found] == [
        ("Mon P'tit Panier", "Mon P'tit Panier", "cue-quoted"),
        ("Mon p’tit panier", "Mon P'tit Panier", "repeat"),
    ]


def test_a_decided_model_name_is_repeated_over_a_place_inside_it() -> None:
    text = (
        "Xbourg : Solidarité Emploi Ardenne recrute. Solidarité Emploi Ardenne emploie 60 salariés."
    )
    second = text.rindex("Solidarité")
    model = Mention(
        second, second + 25, "organisation", "Solidarité Emploi Ardenne", "model", 0.7, "model-org"
    )
    place = Mention(
        text.index("Ardenne"),
        text.index("Ardenne") + 7,
        "territory",
        "Ardenne",
        "rule",
        0.9,
        "place",
    )
    found = repeated(text, [place, model], [])
    assert [(m.start, m.rule) for m in found if m.kind == "organisation"] == [
        (text.index("Solidarité"), "repeat"),
        (second, "model-org"),
    ]
    assert place in found
    # a guess of the model alone keeps its count
    guess = Mention(
        second, second + 25, "organisation", "Solidarité Emploi Ardenne", "model", 0.7, "spacy-org"
    )
    assert [m.rule for m in repeated(text, [place, guess], []) if m.kind == "organisation"] == [
        "spacy-org"
    ]
