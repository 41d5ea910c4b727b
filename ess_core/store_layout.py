"""What lies beside a built store: the contract between the build (writer) and the service.

The build (:mod:`ingest.store.build`) writes a new store directory holding, besides
Oxigraph's files, a *build id* file and a full-text *search index*; the service
(:mod:`graph_service`) reads both. Both sides take the file names, the label folding and
the IRI kinds from here, so neither has to import the other.

The build id is a random token written into a new store before it is swapped in. A running
service compares the id of the store at its path with the one it opened
(:mod:`graph_service.backends.reload`): a different id means a rebuilt store was swapped in.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from pathlib import Path

BUILD_ID_FILE = "ess-graph-build-id"
INDEX_FILE_NAME = "search.sqlite"

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def write_build_id(folder: Path) -> str:
    """Give the store in ``folder`` a fresh build id; return it."""
    build_id = uuid.uuid4().hex
    (folder / BUILD_ID_FILE).write_text(build_id + "\n", "utf-8")
    return build_id


def read_build_id(folder: Path) -> str | None:
    """The build id of the store in ``folder``; None when there is none (yet).

    A store built before build ids existed is named by its folder's inode instead, so that
    a swap is still seen; a missing folder (mid-swap) gives None.
    """
    try:
        return (folder / BUILD_ID_FILE).read_text("utf-8").strip()
    except FileNotFoundError:
        pass
    except OSError:
        return None
    try:
        return f"inode:{folder.stat().st_ino}"
    except OSError:
        return None


class _MarkStripper(dict[int, int | None]):
    """A ``str.translate`` table that drops combining marks, filled as characters are met."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_STRIP_MARKS = _MarkStripper()


def fold_label(text: str) -> str:
    """Fold ``text`` for matching in the search index: :func:`ess_core.iris.fold` (accents
    stripped, lower case), then every run of other characters than ``[a-z0-9]`` one space.

    ASCII text is its own NFKD form, so it is only lower-cased; other text is decomposed and
    its combining marks dropped through one translation table (the index folds every label
    and each of its words: per-character Python was most of the index build's time).

    >>> fold_label("Lefebvre-Chombard")
    'lefebvre chombard'
    >>> fold_label("  Œuvre  d'Été ")
    'oeuvre d ete'
    """
    if not text.isascii():
        text = text.replace("œ", "oe").replace("Œ", "Oe")
        text = unicodedata.normalize("NFKD", text).translate(_STRIP_MARKS)
    return _NON_ALNUM.sub(" ", text.lower()).strip()


def kind_of(iri: str, base_iri: str) -> str | None:
    """The ``<kind>`` of ``<base>id/<kind>/<slug>``, or None for other IRIs.

    >>> kind_of("https://example.org/id/actor/apes", "https://example.org/")
    'actor'
    >>> kind_of("https://example.org/id/mention/1", "https://example.org/") is None
    True
    """
    prefix = f"{base_iri}id/"
    if not iri.startswith(prefix):
        return None
    kind = iri[len(prefix) :].split("/", 1)[0]
    return kind if kind and kind != "mention" and "#" not in iri else None
