"""Rich-menu test fixtures: the menus rendered once, an emulator, a bot with the menu handlers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.core.line import LineApi
from bot.richmenu.definition import MENUS_FILE, load_menus
from bot.richmenu.sync import BuiltMenu, build_menus
from linesim.client import SimClient
from linesim.config import SimConfig
from linesim.server import RunningSim, start_in_thread
from tests.conftest import BotWithEmulator
from tests.support.channel import ACCESS_TOKEN, CHANNEL_SECRET

CHANGED_LABEL = "ถามอาสาบอท"


@pytest.fixture(scope="session")
def built_menus() -> list[BuiltMenu]:
    """menus.yaml as it is, rendered once for the whole run (drawing takes a second or two)."""
    return build_menus(load_menus())


@pytest.fixture(scope="session")
def changed_menus_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """menus.yaml with the public menu's first label reworded (the volunteer menu unchanged)."""
    text = MENUS_FILE.read_text(encoding="utf-8")
    first = "{cell: [0, 0], label: ถามคำถาม,"
    assert first in text
    public, volunteer = text.split("  - id: volunteer")
    changed = public.replace(first, "{cell: [0, 0], label: " + CHANGED_LABEL + ",")
    path = tmp_path_factory.mktemp("menus") / "menus.yaml"
    path.write_text(changed + "  - id: volunteer" + volunteer, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def changed_built_menus(changed_menus_file: Path) -> list[BuiltMenu]:
    return build_menus(load_menus(changed_menus_file))


@pytest.fixture
def emulator() -> Iterator[RunningSim]:
    """linesim alone (no bot behind it): sync talks to it as it would to LINE."""
    running = start_in_thread(SimConfig(channel_secret=CHANNEL_SECRET, access_token=ACCESS_TOKEN))
    yield running
    running.stop()


@pytest.fixture
def line(emulator: RunningSim) -> Iterator[LineApi]:
    api = LineApi(emulator.url, ACCESS_TOKEN)
    yield api
    api.close()


@pytest.fixture
def sim_client(emulator: RunningSim) -> SimClient:
    return SimClient(emulator.url)


@pytest.fixture
def menu_bot(db_url: str) -> Iterator[BotWithEmulator]:
    """The bot and linesim; `bot.chat.registry` registers the rich-menu postback handlers."""
    running = BotWithEmulator(db_url)
    yield running
    running.stop()
