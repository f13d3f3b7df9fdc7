"""Draw a menu's image from its spec: one coloured tile per button, a white icon, a big Thai label.

The Thai font comes from Debian's fonts-thai-tlwg (installed with the system, never downloaded
at run time). Drawing happens at twice the size and is scaled down, which smooths the shapes.
"""

from __future__ import annotations

import io
import subprocess
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, features

from .definition import Button, MenuFileError, MenuSpec
from .icons import ICONS

TLWG_DIR = Path("/usr/share/fonts/truetype/tlwg")
# Bold sans faces of fonts-thai-tlwg, clearest first at small sizes.
FONT_CANDIDATES = ("Loma-Bold.ttf", "Waree-Bold.ttf", "Garuda-Bold.ttf", "Umpush-Bold.ttf")
SCALE = 2
GUTTER = 10  # white lines between tiles, in final pixels
WHITE = (255, 255, 255)
MAX_IMAGE_BYTES = 1024 * 1024  # LINE's limit for rich menu images


class FontMissingError(RuntimeError):
    """No Thai font on this machine: install the Debian package fonts-thai-tlwg."""


@lru_cache(maxsize=1)
def find_thai_font() -> Path:
    """A bold Thai TrueType font from fonts-thai-tlwg."""
    for name in FONT_CANDIDATES:
        if (TLWG_DIR / name).is_file():
            return TLWG_DIR / name
    try:
        listed = subprocess.run(
            ["fc-list", ":lang=th:style=Bold", "file"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        listed = ""
    found = sorted(line.split(":")[0] for line in listed.splitlines() if line.strip())
    if not found:
        raise FontMissingError(
            "No Thai font found: install the Debian package fonts-thai-tlwg "
            "(apt-get install fonts-thai-tlwg)"
        )
    return Path(found[0])


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
    x, y, w, h = (v * SCALE for v in menu.bounds(button))
    gap = GUTTER * SCALE / 2
    left, top, right, bottom = x + gap, y + gap, x + w - gap, y + h - gap
    tile = _rgb(button.color)
    draw.rounded_rectangle((left, top, right, bottom), radius=28 * SCALE, fill=tile)
    lines = [part.strip() for part in button.label.split("|") if part.strip()]
    width, height = right - left, bottom - top
    # One-line labels leave more room for the icon; two lines push it up and make it smaller.
    one_line = len(lines) == 1
    icon_size = min(width * 0.42, height * (0.42 if one_line else 0.30))
    icon_y = top + height * (0.36 if one_line else 0.24)
    painter(draw, left + width / 2, icon_y, icon_size, WHITE, tile, _font(font, 40 * SCALE))
    label_top = top + height * (0.62 if one_line else 0.44)
    _draw_label(draw, lines, font, left, label_top, width, bottom - height * 0.05)


def _draw_label(
    draw: ImageDraw.ImageDraw,
    lines: list[str],
    font_path: Path,
    left: float,
    top: float,
    width: float,
    bottom: float,
) -> None:
    """Lines as large as fit the box: centred, white, the same size for every line."""
    box_h = bottom - top
    size = int(min(box_h / len(lines) * 0.82, 150 * SCALE))
    while True:
        font = _font(font_path, size)
        widths = [draw.textlength(line, font=font) for line in lines]
        if max(widths) <= width * 0.9 or size <= 20 * SCALE:
            break
        size -= 4
    line_h = box_h / len(lines)
    for index, line in enumerate(lines):
        centre_y = top + line_h * (index + 0.5)
        draw.text((left + width / 2, centre_y), line, font=font, fill=WHITE, anchor="mm")


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
