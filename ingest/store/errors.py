"""The one exception of the build."""

from __future__ import annotations


class BuildError(Exception):
    """The build failed; the previous store is untouched.

    The message is one line naming the file, record or shape at fault; ``details`` holds the
    further lines (e.g. the first SHACL violations), one per problem.
    """

    def __init__(self, message: str, details: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.details = details
