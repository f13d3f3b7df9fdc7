"""Settings come from the environment, once, in the factory."""

from __future__ import annotations

import pytest

from bot import ConfigError, create_app
from bot.core.settings import load_settings


def test_a_missing_channel_secret_fails_at_start_with_a_clear_message(
    monkeypatch, tmp_path
) -> None:
    monkeypatch.delenv("LINE_CHANNEL_SECRET", raising=False)
    monkeypatch.setenv("LINE_CHANNEL_ACCESS_TOKEN", "token")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'x.db'}")

    with pytest.raises(ConfigError, match="LINE_CHANNEL_SECRET not set"):
        create_app()


def test_settings_are_read_from_the_environment_and_overrides_win() -> None:
    env = {
        "LINE_CHANNEL_SECRET": "s",
        "LINE_API_BASE_URL": "http://127.0.0.1:8080",
        "REDIS_URL": "",
    }

    settings = load_settings(env, {"LINE_REQUEST_TIMEOUT": "2.5"})

    assert settings["LINE_CHANNEL_SECRET"] == "s"
    assert settings["LINE_API_BASE_URL"] == "http://127.0.0.1:8080"
    assert settings["REDIS_URL"] is None  # empty means unset: the in-process store
    assert settings["LINE_REQUEST_TIMEOUT"] == 2.5
    assert settings["DATABASE_URL"].startswith("sqlite:///") and settings["DATABASE_URL"].endswith(
        "var/asabot.db"
    )


def test_without_redis_the_app_warns_and_uses_the_in_process_store(caplog, tmp_path) -> None:
    app = create_app(
        {
            "LINE_CHANNEL_SECRET": "s",
            "LINE_CHANNEL_ACCESS_TOKEN": "t",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}",
            "REDIS_URL": None,
            "NLU": None,
        }
    )

    assert type(app.extensions["asabot.state"]).__name__ == "MemoryStateStore"
    assert "REDIS_URL is not set" in caplog.text


@pytest.mark.parametrize("typed", ["1", "true", "True", "YES", "y", "Y", "on", " On "])
def test_a_yes_no_setting_reads_yes_in_any_case(typed: str) -> None:
    settings = load_settings({"BROADCAST_USE_BROADCAST_ENDPOINT": typed})

    assert settings["BROADCAST_USE_BROADCAST_ENDPOINT"] is True


@pytest.mark.parametrize("typed", ["0", "false", "FALSE", "no", "N", "off", "Off"])
def test_a_yes_no_setting_reads_no_in_any_case(typed: str) -> None:
    settings = load_settings({"SESSION_COOKIE_SECURE": typed})

    assert settings["SESSION_COOKIE_SECURE"] is False


def test_yes_no_settings_are_bools_by_default_and_as_overrides() -> None:
    defaults = load_settings({})
    overridden = load_settings({}, {"SESSION_COOKIE_SECURE": False})

    assert defaults["SESSION_COOKIE_SECURE"] is True
    assert defaults["BROADCAST_USE_BROADCAST_ENDPOINT"] is True
    assert overridden["SESSION_COOKIE_SECURE"] is False


def test_a_yes_no_setting_that_is_neither_fails_at_start_naming_the_setting() -> None:
    with pytest.raises(ConfigError, match="BROADCAST_USE_BROADCAST_ENDPOINT must be yes or no"):
        load_settings({"BROADCAST_USE_BROADCAST_ENDPOINT": "sometimes"})


def test_the_console_and_the_broadcasts_read_the_same_yes(tmp_path) -> None:
    # "Y" once meant yes to the console and no to the broadcast sender.
    app = create_app(
        {
            "LINE_CHANNEL_SECRET": "s",
            "LINE_CHANNEL_ACCESS_TOKEN": "t",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}",
            "REDIS_URL": None,
            "NLU": None,
            "SESSION_COOKIE_SECURE": "Y",
            "BROADCAST_USE_BROADCAST_ENDPOINT": "Y",
        }
    )

    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["BROADCAST_USE_BROADCAST_ENDPOINT"] is True
