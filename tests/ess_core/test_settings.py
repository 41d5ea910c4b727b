"""Settings: each one documented; a bad environment value is one sentence naming it."""

from __future__ import annotations

from pathlib import Path

import pytest

from ess_core import settings as settings_module
from ess_core.settings import (
    DEFAULT_BASE_IRI,
    Settings,
    SettingsError,
    load_settings,
    preloaded_environment,
)


@pytest.mark.parametrize("name", sorted(Settings.model_fields))
def test_every_setting_has_a_description(name: str) -> None:
    description = Settings.model_fields[name].description
    assert description and len(description) > 10


def test_bad_port_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ESS_PORT", "abc")
    with pytest.raises(SettingsError) as caught:
        load_settings()
    message = str(caught.value)
    assert "ESS_PORT" in message and "\n" not in message


def test_bad_base_iri_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ESS_BASE_IRI", "not an iri")
    with pytest.raises(SettingsError, match="ESS_BASE_IRI"):
        load_settings()


def test_base_iri_gets_a_trailing_slash(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ESS_BASE_IRI", "https://example.org/kg")
    assert load_settings().base_iri == "https://example.org/kg/"


def test_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in Settings.model_fields:
        monkeypatch.delenv(f"ESS_{name.upper()}", raising=False)
    settings = load_settings()
    assert settings.base_iri == DEFAULT_BASE_IRI
    assert settings.shapes_path == settings.ontology_dir / "shapes.ttl"


def test_worker_malloc_system_preloads_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ESS_WORKER_MALLOC", "system")
    assert load_settings().worker_preload is None
    assert preloaded_environment(None) is None


def test_worker_malloc_auto_finds_jemalloc_when_installed(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("ESS_WORKER_MALLOC", raising=False)
    library = tmp_path / "lib" / "x86_64-linux-gnu" / "libjemalloc.so.2"
    monkeypatch.setattr(settings_module, "JEMALLOC_GLOB", f"{tmp_path}/lib/*/libjemalloc.so.2")
    assert load_settings().worker_preload is None  # not installed
    library.parent.mkdir(parents=True)
    library.write_bytes(b"")
    assert load_settings().worker_preload == library


def test_worker_malloc_path_must_be_a_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ESS_WORKER_MALLOC", str(tmp_path / "missing.so"))
    with pytest.raises(SettingsError, match="ESS_WORKER_MALLOC"):
        load_settings()
    library = tmp_path / "libother.so"
    library.write_bytes(b"")
    monkeypatch.setenv("ESS_WORKER_MALLOC", str(library))
    assert load_settings().worker_preload == library


def test_preloaded_environment_puts_the_library_first_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LD_PRELOAD", "/lib/a.so")
    monkeypatch.setenv("ESS_SOMETHING", "kept")
    environment = preloaded_environment(Path("/lib/j.so"))
    assert environment is not None
    assert environment["LD_PRELOAD"] == "/lib/j.so /lib/a.so"
    assert environment["ESS_SOMETHING"] == "kept"
    monkeypatch.setenv("LD_PRELOAD", "/lib/j.so")
    assert preloaded_environment(Path("/lib/j.so"))["LD_PRELOAD"] == "/lib/j.so"  # type: ignore[index]
