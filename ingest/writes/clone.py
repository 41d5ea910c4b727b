"""A cheap copy of a closed Oxigraph store: its immutable table files are hard-linked.

RocksDB never changes a ``.sst`` file once written (it writes new ones and deletes old ones),
so a new version folder can share them with the served one by hard links, as a RocksDB
checkpoint does; the small mutable files (``CURRENT``, ``MANIFEST-*``, ``OPTIONS-*``, the
write-ahead log) and what lies beside the store (build id, stamp, search index) are copied.
Writing into the copy never touches the served version.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def clone_store(source: Path, target: Path) -> None:
    """Make ``target`` (which must not exist) an independent copy of the store ``source``."""
    target.mkdir()
    for path in source.iterdir():
        if path.name == "LOCK" or path.name.startswith("LOG"):
            continue
        destination = target / path.name
        if path.is_dir():
            shutil.copytree(path, destination)
        elif path.suffix == ".sst":
            os.link(path, destination)
        else:
            shutil.copy2(path, destination)
