"""The store's layout on disk, and the one atomic step that swaps a new build in.

``ESS_STORE_PATH`` (``var/store``) is a symbolic link to a version folder beside it,
``var/store.v-<time>-<random>``. A build writes a new version folder, and when it is
complete (its build id, :mod:`ess_core.store_layout`, is written last) swaps it in by
:func:`publish`: a temporary link to the new folder is renamed over ``ESS_STORE_PATH``
(``os.replace``, atomic on POSIX). At every instant the path names a complete store, the old
or the new one; a service reading it follows the swap (:mod:`graph_service.backends.reload`).

Folders left by a build that was killed (``.v-`` folders without a build id, or complete ones
never linked, ``.link-`` links, and the ``.new-``/``.old-`` folders of the earlier layout) and
versions no longer linked are removed by :func:`collect_garbage`, at the next build and when
the service starts; the version in use is kept. A service still serving the previous version
keeps reading its open files after they are unlinked, until it reopens the new one.

The earlier layout, where ``ESS_STORE_PATH`` is a plain folder, still works and is migrated
by the first swap: the folder is renamed to a version (``store.v-0-legacy``), then the link
takes its place. A kill between the two leaves no store at the path for a moment:
:func:`recover` (run at the next build and at service start) links the newest complete
version. Builds hold an exclusive lock on the store's parent folder (``flock``), so two
builds never collect each other's folders.

``ESS_BUILD_FAULT_STEP`` names a step at which the build kills itself (:func:`fault_point`):
the tests kill it at each step and check that a valid store is still served.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import shutil
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

from ess_core.store_layout import BUILD_ID_FILE

FAULT_EXIT = 137
STEPS = (
    "begin",
    "open",
    "load",
    "index",
    "closed",
    "stamp",
    "build-id",
    "migrate",
    "link",
    "swap",
    "gc",
)
"""The build steps :func:`fault_point` may stop at, in order."""
_GARBAGE = re.compile(r"\.(?:v|new|old|link)-[\w.-]+$")


def fault_point(step: str, wanted: str | None) -> None:
    """Kill this process at once (no cleanup, like ``kill -9``) when ``step`` is ``wanted``."""
    if wanted == step:
        os._exit(FAULT_EXIT)


def new_version(target: Path) -> Path:
    """A fresh version folder name beside ``target`` (sorted by creation time)."""
    stamp = f"{time.time_ns() // 1_000_000:013d}"
    return target.with_name(f"{target.name}.v-{stamp}-{uuid.uuid4().hex[:8]}")


def is_complete(folder: Path) -> bool:
    """Whether ``folder`` holds a finished build (its build id is written last)."""
    return (folder / BUILD_ID_FILE).is_file()


def served(target: Path) -> Path | None:
    """The folder the store path names (through the link), None if it names none."""
    if target.is_symlink():
        folder = target.parent / os.readlink(target)
        return folder if folder.is_dir() else None
    return target if target.is_dir() else None


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def publish(new_dir: Path, target: Path, fault: str | None = None) -> None:
    """Make ``target`` name ``new_dir`` by one atomic rename of a symbolic link."""
    if target.is_dir() and not target.is_symlink():  # the earlier layout: a plain folder
        target.rename(target.with_name(f"{target.name}.v-0-legacy-{uuid.uuid4().hex[:8]}"))
        fault_point("migrate", fault)
    link = target.with_name(f"{target.name}.link-{os.getpid()}")
    link.unlink(missing_ok=True)
    os.symlink(new_dir.name, link)  # relative: the whole folder may move
    fault_point("link", fault)
    os.replace(link, target)
    _fsync_dir(target.parent)


def _versions(target: Path) -> list[Path]:
    prefix = f"{target.name}.v-"
    if not target.parent.is_dir():
        return []
    return sorted(
        p
        for p in target.parent.iterdir()
        if p.name.startswith(prefix) and p.is_dir() and not p.is_symlink()
    )


def recover(target: Path) -> Path | None:
    """Link the newest complete version when ``target`` names no store (an interrupted swap).

    Returns the folder linked, or None when nothing had to be done or nothing can be.
    """
    current = served(target)
    if current is not None:
        return None
    complete = [v for v in _versions(target) if is_complete(v)]
    if not complete:
        return None
    if target.is_symlink():
        target.unlink()
    publish(complete[-1], target)
    return complete[-1]


def garbage(target: Path) -> list[Path]:
    """The folders and links beside ``target`` that no store path names any more."""
    if not target.parent.is_dir():
        return []
    current = served(target)
    keep = current.resolve() if current is not None else None
    found = []
    for path in sorted(target.parent.iterdir()):
        rest = path.name[len(target.name) :]
        if not path.name.startswith(target.name) or not _GARBAGE.fullmatch(rest):
            continue
        if path.is_dir() and not path.is_symlink() and path.resolve() == keep:
            continue
        found.append(path)
    return found


def collect_garbage(target: Path, fault: str | None = None) -> list[Path]:
    """Remove what :func:`garbage` finds; return it."""
    removed = garbage(target)
    for path in removed:
        if path.is_symlink() or not path.is_dir():
            path.unlink(missing_ok=True)
        else:
            shutil.rmtree(path, ignore_errors=True)
        fault_point("gc", fault)
    return removed


@contextlib.contextmanager
def store_lock(target: Path, *, wait: bool = True) -> Iterator[bool]:
    """Hold the exclusive build lock of ``target``'s folder; yields False if ``wait`` is
    False and another process holds it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(target.parent, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        yield True
    finally:
        os.close(fd)  # releases the lock


def tidy(target: Path) -> None:
    """At service start: recover an interrupted swap and collect garbage, unless a build
    holds the lock (it does the same) or there is nothing to do."""
    if served(target) is not None and not garbage(target):
        return
    try:
        with store_lock(target, wait=False) as locked:
            if locked:
                recover(target)
                collect_garbage(target)
    except OSError:  # a read-only folder: serve what is there
        return
