"""IRIs: slugs are deterministic, idempotent, accent-folded and only [a-z0-9-]."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ess_core.iris import Iris, fold, slugify

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
TEXT = st.text(min_size=1).filter(lambda t: re.search(r"[a-z0-9]", fold(t)) is not None)


@given(TEXT)
def test_slugify_is_deterministic_and_well_formed(text: str) -> None:
    slug = slugify(text)
    assert slug == slugify(text)
    assert SLUG.match(slug)


@given(TEXT)
def test_slugify_is_idempotent(text: str) -> None:
    slug = slugify(text)
    assert slugify(slug) == slug


@given(st.sampled_from("éèêëàâäîïôöùûüçÉÈÀÇœŒ"), st.text(alphabet="abc", min_size=1))
def test_accents_are_folded(accented: str, tail: str) -> None:
    slug = slugify(accented + tail)
    assert slug.isascii()
    assert slug == slugify(fold(accented) + tail)


@given(st.text(alphabet=" -'—_.,!?", min_size=0))
def test_text_without_letters_or_digits_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="no letter or digit"):
        slugify(text)


def test_examples() -> None:
    assert slugify("Économie Sociale & Solidaire") == "economie-sociale-solidaire"
    iris = Iris("https://example.org/kg/")
    assert iris.resource("organisation", "Apes") == "https://example.org/kg/id/organisation/apes"
    assert (
        iris.graph("document", "apes-artois") == "https://example.org/kg/graph/document/apes-artois"
    )
    assert iris.term("Mention") == "https://example.org/kg/ontology#Mention"
