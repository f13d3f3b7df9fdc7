"""`asabot demo` tells where it listens and how to move it: its port variables are documented."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import bot.demo
from bot.cli import cli

README = Path(__file__).resolve().parents[2] / "README.md"
PORT_VARIABLES = ("DEMO_BOT_PORT", "DEMO_SIM_PORT")


def test_demo_help_shows_the_port_variables_and_their_defaults() -> None:
    result = CliRunner().invoke(cli, ["demo", "--help"], terminal_width=200)

    assert result.exit_code == 0, result.output
    for variable, default in zip(PORT_VARIABLES, ("8000", "8080"), strict=True):
        assert f"env var: {variable}; default: {default}" in result.output


def test_the_readme_demo_section_names_the_port_variables() -> None:
    text = README.read_text(encoding="utf-8")
    demo_section = text[text.index("## Two commands") : text.index("## Layout")]
    for variable in PORT_VARIABLES:
        assert f"`{variable}`" in demo_section


def test_the_port_variables_choose_the_demo_ports(monkeypatch: pytest.MonkeyPatch) -> None:
    started: dict[str, int] = {}
    monkeypatch.setattr(bot.demo, "run_demo", lambda **ports: started.update(ports))

    result = CliRunner().invoke(
        cli, ["demo"], env={"DEMO_BOT_PORT": "8100", "DEMO_SIM_PORT": "8180"}
    )

    assert result.exit_code == 0, result.output
    assert started == {"bot_port": 8100, "sim_port": 8180}
