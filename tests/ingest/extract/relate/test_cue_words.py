"""The relation rules' word lists in phrase matchers (``ingest.extract.relate.cue_words``), on
invented sentences; hypothesis checks the finders against the regular expressions they
replace, built here from the same lists."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.extract.mentions.gazetteers import lexicon
from ingest.extract.relate import cue_words


def test_role_titles_go_to_the_end_of_their_word_and_keep_what_ends_them() -> None:
    text = "Jeanne Roux, ancienne présidente de l'Atelier Vert, et Paul Lenoir, ex-directeur."
    found = [(m.group("former"), m.group("role")) for m in cue_words.role_titles().finditer(text)]
    assert found == [("ancienne ", "présidente"), ("ex-", "directeur")]
    titles = cue_words.role_titles().finditer("Un·e président·e, la président.e, un PRÉSIDENT.")
    assert [m.group() for m in titles] == ["président·e", "président.e", "PRÉSIDENT"]


def test_a_cue_ending_on_de_or_a_also_matches_their_contracted_forms() -> None:
    cues = {f.pattern: f for f, _, _ in cue_words.link_cues()}
    text = "Le Jardin Bleu est membre du Réseau Vert et adhère aux Amis du Lac."
    assert [m.group() for m in cues["membre de"].finditer(text)] == ["membre du"]
    assert [m.group() for m in cues["adhère à"].finditer(text)] == ["adhère aux"]
    assert list(cues["membre de"].finditer("Ils sont membres du réseau.")) == []


def test_link_heads_are_the_words_before_a_final_preposition() -> None:
    heads = {(f.pattern, last) for f, last, _, _ in cue_words.link_heads()}
    assert ("soutenue", "par") in heads and ("membre", "de") in heads


def test_together_verbs_and_settling_cues() -> None:
    text = "Le Jardin Bleu et la Ruche Verte s'associent."
    found = cue_words.together().search(text)
    assert found is not None and text[found.start() :] == "s'associent."
    text = "L'Atelier Vert, installé depuis 2012 à Guise, recrute."
    cue = cue_words.settle_cue(text, 0, text.index("Guise"))
    assert cue is not None and cue.group().split()[0] == "installé"
    assert cue_words.settle_cue(text, 0, text.index("Atelier")) is None
    text = "Installée depuis 2012 à Guise, la Ruche Verte ouvre."
    assert cue_words.opens_on_settling(text, 0, text.index("Guise"))
    assert not cue_words.opens_on_settling("Ouverte en 2012 à Guise", 0, 19)


def test_anaphors_and_typing_nouns_in_apposition() -> None:
    assert cue_words.anaphor("Depuis 2019, la structure est membre du réseau.", 0, 40)
    assert not cue_words.anaphor("Depuis 2019, sa structure est membre du réseau.", 0, 40)
    text = "Vélo Pour Tous, une association de Guise, répare."
    found = cue_words.typed_apposition(text, 0, text.index("Guise"), fused=False)
    assert found is not None and found.group("noun") == "association"
    assert text[: found.start()] == "Vélo Pour Tous"


_ROLE_WORDS = ["président", "présidente", "ancienne", "ex", "directeur", "général", "Vice"]
_GAPS = [" ", "  ", "-", "·", ".", "·e ", ".e ", "\n", ""]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(_ROLE_WORDS), max_size=10),
    st.lists(st.sampled_from(_GAPS), min_size=10, max_size=10),
)
def test_role_titles_find_what_the_regular_expression_they_replace_finds(
    words: list[str], gaps: list[str]
) -> None:
    text = "".join(w + g for w, g in zip(words, gaps, strict=False))
    data = lexicon("roles")
    forms = {f for item in data["roles"] for f in item["forms"]}
    alt = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    former = "|".join(re.escape(f) for f in data["former"])
    oracle = re.compile(
        rf"(?<![\w-])(?P<former>(?:{former})[\s-]+)?(?P<role>{alt})(?![\w·]|\.\w)", re.IGNORECASE
    )
    expected = [(m.span(), m.group("role")) for m in oracle.finditer(text)]
    found = [(m.span(), m.group("role")) for m in cue_words.role_titles().finditer(text)]
    assert found == expected


_LINK_WORDS = ["membre", "de", "la", "l'", "du", "des", "d'", "porté", "par", "soutient", "aux"]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(_LINK_WORDS), max_size=10),
    st.lists(st.sampled_from([" ", "  ", "", "-", "\n"]), min_size=10, max_size=10),
)
def test_link_cues_find_what_the_regular_expressions_they_replace_find(
    words: list[str], gaps: list[str]
) -> None:
    text = "".join(w + g for w, g in zip(words, gaps, strict=False))
    for finder, _, _ in cue_words.link_cues():
        cue = finder.pattern
        body = re.escape(cue)
        if cue.endswith(" de"):
            body = body[: -len("de")] + r"(?:de\ la|de\ l['’]|de|du|des|d['’])"
        elif cue.endswith(" à"):
            body = body[: -len("à")] + r"(?:à\ la|à\ l['’]|à|au|aux)"
        oracle = re.compile(rf"(?<![\w])({body})(?![\w])", re.IGNORECASE)
        assert [m.span() for m in finder.finditer(text)] == [
            m.span() for m in oracle.finditer(text)
        ]


def test_a_plural_title_is_found_and_named_in_the_singular() -> None:
    text = "Les cofondatrices de la Ruche Verte ont parlé."
    found = cue_words.role_titles().search(text)
    assert found is not None and found.group("role") == "cofondatrices"
    assert cue_words.singular_title("cofondatrices") == "cofondatrice"
    assert cue_words.singular_title("chargés de mission") == "chargé de mission"
    assert cue_words.singular_title("présidente") == "présidente"
