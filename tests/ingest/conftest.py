"""Fixtures of the extraction tests: the spaCy model, loaded once per session."""

from __future__ import annotations

from typing import Any

import pytest

from ingest.extract.mentions.nlp import load_model


@pytest.fixture(scope="session")
def nlp() -> Any:
    """``fr_core_news_md`` (tok2vec + ner), shared by the whole session."""
    return load_model()
