"""The rich menus draw with the Thai font shipped in the package, on a machine with no fonts at all.

CI installs fonts-thai-tlwg for the browser tests, so these tests hide the system's fonts
themselves: the renderer may open no font file outside bot/richmenu/fonts/, and `asabot richmenu
render` is run in a mount namespace where /usr/share/fonts is empty (fc-list finds no Thai font).
"""

from __future__ import annotations

import fnmatch
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageChops, ImageFont

import bot
from bot.richmenu.definition import MENUS_FILE, load_menus
from bot.richmenu.render import FONTS_DIR, SHIPPED_FONT, find_thai_font, label_lines, render_menu

ROOT = Path(__file__).resolve().parents[2]
SYSTEM_FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts")
NOT_A_CHARACTER = "\U000f0000"  # private use: no font has it, so it draws as the .notdef box


def _glyph(font: ImageFont.FreeTypeFont, text: str) -> tuple[tuple[int, int], bytes]:
    mask = font.getmask(text)
    return mask.size, bytes(mask)


def test_the_renderer_uses_the_font_file_shipped_with_its_licence_and_source() -> None:
    assert find_thai_font() == SHIPPED_FONT
    assert SHIPPED_FONT.parent == FONTS_DIR == Path(bot.__file__).parent / "richmenu" / "fonts"
    licence = (FONTS_DIR / "LICENSE.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence
    assert SHIPPED_FONT.name in (FONTS_DIR / "SOURCE.txt").read_text(encoding="utf-8")


def test_the_font_and_its_licence_are_package_data_so_an_installed_bot_has_them() -> None:
    package_data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
        "setuptools"
    ]["package-data"]
    patterns = [*package_data.get("bot.richmenu", []), *package_data.get("*", [])]
    for name in (SHIPPED_FONT.name, "LICENSE.txt", "SOURCE.txt"):
        relative = f"fonts/{name}"
        assert any(fnmatch.fnmatch(relative, p) for p in patterns), f"{relative} not shipped"


def test_every_character_of_every_label_has_a_real_glyph_in_the_shipped_font() -> None:
    # One character at a time with the basic layout: a missing glyph draws exactly as .notdef.
    font = ImageFont.truetype(str(SHIPPED_FONT), 80, layout_engine=ImageFont.Layout.BASIC)
    box = _glyph(font, NOT_A_CHARACTER)
    assert _glyph(font, "\u0e81") == box  # a Lao letter: the check does see a missing glyph
    characters = {"?"}  # the question icon's glyph
    for menu in load_menus():
        for button in menu.buttons:
            characters.update("".join(label_lines(button)).replace(" ", ""))
    missing = sorted(c for c in characters if _glyph(font, c) == box)
    assert not missing, f"no glyph for {missing}"


def test_menus_render_opening_no_font_outside_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[Path] = []
    real_truetype = ImageFont.truetype

    def only_shipped_fonts(font: Any, *args: Any, **kwargs: Any) -> ImageFont.FreeTypeFont:
        opened.append(Path(font).resolve())
        if FONTS_DIR not in opened[-1].parents:
            raise OSError(f"system font opened: {font}")
        return real_truetype(font, *args, **kwargs)

    monkeypatch.setattr(ImageFont, "truetype", only_shipped_fonts)
    for menu in load_menus():
        assert render_menu(menu).size == (menu.width, menu.height)
    assert opened and set(opened) == {SHIPPED_FONT}


def _hide_system_fonts(tmp_path: Path, command: list[str]) -> tuple[list[str], dict[str, str]]:
    """The command run with no system fonts: an empty fontconfig, and (as root) empty font dirs."""
    conf = tmp_path / "fonts.conf"
    conf.write_text('<?xml version="1.0"?><fontconfig></fontconfig>\n', encoding="utf-8")
    env = {
        **os.environ,
        "FONTCONFIG_FILE": str(conf),
        "FONTCONFIG_PATH": str(tmp_path),
        "HOME": str(tmp_path),
        "XDG_DATA_HOME": str(tmp_path),
        "PYTHONPATH": str(ROOT),
    }
    # Only the guarded Pillow may open fonts, for the case a mount namespace is not allowed.
    guard = (
        "import pathlib, sys\n"
        "from PIL import ImageFont\n"
        "real = ImageFont.truetype\n"
        f"allowed = pathlib.Path({str(FONTS_DIR)!r})\n"
        "def guarded(font, *a, **k):\n"
        "    if allowed not in pathlib.Path(font).resolve().parents:\n"
        "        raise SystemExit(f'system font opened: {font}')\n"
        "    return real(font, *a, **k)\n"
        "ImageFont.truetype = guarded\n"
        "from bot.cli import cli\n"
        "sys.argv = ['asabot', *sys.argv[1:]]\n"
        "cli()\n"
    )
    python = [sys.executable, "-c", guard, *command]
    unshare = shutil.which("unshare")
    if os.geteuid() != 0 or unshare is None:
        return python, env
    mounts = " && ".join(
        f"mount -t tmpfs none {d}" for d in SYSTEM_FONT_DIRS if Path(d).is_dir()
    )
    script = f'{mounts} && echo "thai fonts: $(fc-list :lang=th | wc -l)" && exec "$@"'
    return [unshare, "--mount", "--propagation", "private", "sh", "-c", script, "sh", *python], env


def test_richmenu_render_works_on_a_machine_with_no_thai_font_and_draws_thai(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    command, env = _hide_system_fonts(
        tmp_path, ["richmenu", "render", "--menus", str(MENUS_FILE), "--out", str(out)]
    )
    done = subprocess.run(
        command, env=env, cwd=tmp_path, capture_output=True, text=True, timeout=90, check=False
    )
    assert done.returncode == 0, done.stderr
    if command[0].endswith("unshare"):
        assert "thai fonts: 0" in done.stdout, done.stdout
    for menu in load_menus():
        drawn = Image.open(out / f"richmenu-{menu.id}.png").convert("RGB")
        # The same pixels as here, where Thai fonts are installed: nothing came from the system.
        assert ImageChops.difference(drawn, render_menu(menu)).getbbox() is None, menu.id
