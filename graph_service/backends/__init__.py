"""Storage backends: where queries are evaluated (embedded Oxigraph or a remote SPARQL store).

:func:`open_backend` is the one place that chooses a backend from the settings.
"""

from __future__ import annotations

from ess_core.settings import Settings, SettingsError
from graph_service.backends.base import Backend


def open_backend(settings: Settings) -> Backend:
    """Open the backend named by ``settings.backend``; StorageError if the store won't open."""
    if settings.backend == "remote":
        from graph_service.backends.remote import RemoteBackend

        return RemoteBackend.from_settings(settings)
    if settings.backend == "embedded":  # killable worker processes, following rebuilds
        from ess_core.store_versions import tidy
        from graph_service.backends.reload import ReloadingBackend

        tidy(settings.store_path)  # an interrupted build: link its store, remove leftovers
        return ReloadingBackend.from_settings(settings)
    raise SettingsError(f"ESS_BACKEND={settings.backend!r}: this backend is not available yet.")
