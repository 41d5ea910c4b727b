"""Settings: each one documented; a bad environment value is one sentence naming it."""

from __future__ import annotations

import pytest

from ess_core.settings import DEFAULT_BASE_IRI, Settings, SettingsError, load_settings


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
