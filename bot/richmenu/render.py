"""Draw a menu's image from its spec: one coloured tile per button, a white icon, a big Thai label.

The Thai font ships inside this package (bot/richmenu/fonts/, SIL OFL 1.1), so the images come
out the same on a laptop, in CI and on a production host with no fonts installed, and never
depend on a system package. Drawing happens at twice the size and is scaled down, which smooths
the shapes.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, features

from bot.richmenu.definition import Button, MenuFileError, MenuSpec
from bot.richmenu.icons import ICONS

FONTS_DIR = Path(__file__).resolve().parent / "fonts"
# Sarabun Bold: the console's and the chat page's typeface, with Thai and Latin ("Bahasa").
SHIPPED_FONT = FONTS_DIR / "Sarabun-Bold.ttf"
SCALE = 2
GUTTER = 10  # white lines between tiles, in final pixels
WHITE = (255, 255, 255)
MAX_IMAGE_BYTES = 1024 * 1024  # LINE's limit for rich menu images
# A phone 390 CSS px wide shows the 2500-px menu at 390/2500, so a 96-px label is 15 CSS px: about
# the size of chat text. A label that only fits smaller than that is too long for its tile.
MIN_LABEL_SIZE = 96  # final pixels
LABEL_WIDTH_SHARE = 0.9  # of the tile: keeps the letters off the rounded corners


class FontMissingError(RuntimeError):
    """The font file shipped with the package is missing: the installation is incomplete."""


def find_thai_font() -> Path:
    """The bold Thai TrueType font shipped inside this package."""
    if not SHIPPED_FONT.is_file():
        raise FontMissingError(
            f"{SHIPPED_FONT} is missing: the asabot package was installed without its "
            "package data; reinstall it (pip install -e .)"
        )
    return SHIPPED_FONT


def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    # Raqm shapes Thai properly (vowels and tone marks stacked on their consonant).
    engine = ImageFont.Layout.RAQM if features.check("raqm") else ImageFont.Layout.BASIC
    return ImageFont.truetype(str(path), size, layout_engine=engine)


def _rgb(color: str) -> tuple[int, int, int]:
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


def render_menu(menu: MenuSpec, font_path: Path | None = None) -> Image.Image:
    """The menu's image at its exact LINE size."""
    font_path = font_path or find_thai_font()
    canvas = Image.new("RGB", (menu.width * SCALE, menu.height * SCALE), WHITE)
    draw = ImageDraw.Draw(canvas)
    for button in menu.buttons:
        _draw_button(draw, menu, button, font_path)
    return canvas.resize((menu.width, menu.height), Image.Resampling.LANCZOS)


def _draw_button(draw: ImageDraw.ImageDraw, menu: MenuSpec, button: Button, font: Path) -> None:
    painter = ICONS.get(button.icon)
    if painter is None:
        raise MenuFileError(f"unknown icon {button.icon!r}; known: {', '.join(sorted(ICONS))}")
    left, top, right, bottom = _tile(menu, button)
    tile = _rgb(button.color)
    draw.rounded_rectangle((left, top, right, bottom), radius=28 * SCALE, fill=tile)
    lines = label_lines(button)
    width, height = right - left, bottom - top
    # One-line labels leave more room for the icon; two lines push it up and make it smaller.
    one_line = len(lines) == 1
    icon_size = min(width * 0.42, height * (0.42 if one_line else 0.30))
    icon_y = top + height * (0.36 if one_line else 0.24)
    painter(draw, left + width / 2, icon_y, icon_size, WHITE, tile, _font(font, 40 * SCALE))
    label_top, label_bottom = _label_band(menu, button)
    size = label_font_size(menu, button, font)
    label_font = _font(font, size * SCALE)
    line_h = (label_bottom - label_top) / len(lines)
    for index, line in enumerate(lines):
        centre_y = label_top + line_h * (index + 0.5)
        draw.text((left + width / 2, centre_y), line, font=label_font, fill=WHITE, anchor="mm")


def label_lines(button: Button) -> list[str]:
    """The label's lines as drawn on the tile ("|" breaks the line)."""
    return [part.strip() for part in button.label.split("|") if part.strip()]


def label_room(menu: MenuSpec, button: Button) -> float:
    """How wide, in final pixels, a label line may be on this button's tile."""
    left, _, right, _ = _tile(menu, button)
    return (right - left) * LABEL_WIDTH_SHARE / SCALE


def label_font_size(menu: MenuSpec, button: Button, font_path: Path | None = None) -> int:
    """The label's font size in final pixels: as large as fits, never under MIN_LABEL_SIZE.

    A label that does not fit at MIN_LABEL_SIZE is refused rather than drawn over the tile's edge.
    """
    font_path = font_path or find_thai_font()
    lines = label_lines(button)
    top, bottom = _label_band(menu, button)
    room = label_room(menu, button)
    size = int(min((bottom - top) / SCALE / len(lines) * 0.82, 150))
    while size >= MIN_LABEL_SIZE:
        if max(label_line_widths(lines, font_path, size)) <= room:
            return size
        size -= 2
    raise MenuFileError(
        f"menu {menu.id!r}: label {button.label!r} does not fit its tile even at "
        f"{MIN_LABEL_SIZE} px; shorten it or break it with '|'"
    )


def label_line_widths(lines: list[str], font_path: Path, size: int) -> list[float]:
    """Each line's drawn width in final pixels at font `size` (final pixels)."""
    font = _font(font_path, size * SCALE)
    return [font.getlength(line) / SCALE for line in lines]


def _tile(menu: MenuSpec, button: Button) -> tuple[float, float, float, float]:
    """The coloured tile inside the button's cell, in drawing (scaled) pixels."""
    x, y, w, h = (v * SCALE for v in menu.bounds(button))
    gap = GUTTER * SCALE / 2
    return x + gap, y + gap, x + w - gap, y + h - gap


def _label_band(menu: MenuSpec, button: Button) -> tuple[float, float]:
    """Top and bottom of the label's band on the tile, in drawing pixels."""
    _, top, _, bottom = _tile(menu, button)
    height = bottom - top
    one_line = len(label_lines(button)) == 1
    return top + height * (0.62 if one_line else 0.44), bottom - height * 0.05


def encode_image(image: Image.Image) -> tuple[bytes, str]:
    """PNG bytes, or JPEG if the PNG would be over LINE's 1 MB limit; with the content type."""
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    if buffer.tell() <= MAX_IMAGE_BYTES:
        return buffer.getvalue(), "image/png"
    for quality in (90, 80, 70):
        buffer = io.BytesIO()
        image.save(buffer, format="JPEG", quality=quality)
        if buffer.tell() <= MAX_IMAGE_BYTES:
            return buffer.getvalue(), "image/jpeg"
    raise MenuFileError("the menu image does not fit in LINE's 1 MB limit")
