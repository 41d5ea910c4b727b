"""A mention of an invented sentence by its text, for the relation rules' tests."""

from __future__ import annotations

from ingest.extract.mentions.names import Mention


def mention_at(text: str, name: str, kind: str = "organisation", nth: int = 0) -> Mention:
    """The ``nth`` occurrence (from 0) of ``name`` in ``text`` as a mention of ``kind``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    return Mention(start, start + len(name), kind, name)  # type: ignore[arg-type]
