"""The build id: a random token the build writes into a new store before swapping it in.

A running service compares the id of the store at its path with the one it opened
(:mod:`graph_service.backends.reload`): a different id means a rebuilt store was swapped in.
"""

from __future__ import annotations

import uuid
from pathlib import Path

BUILD_ID_FILE = "ess-graph-build-id"


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
