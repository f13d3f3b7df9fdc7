"""Simple pictograms drawn with Pillow shapes: bold, filled, one colour, readable when tiny."""

from __future__ import annotations

from collections.abc import Callable

from PIL import ImageDraw, ImageFont

Color = tuple[int, int, int]
Draw = ImageDraw.ImageDraw
Font = ImageFont.FreeTypeFont
# (draw, centre x, centre y, box size, foreground, background, font for glyph icons)
IconPainter = Callable[[Draw, float, float, float, Color, Color, Font], None]


def _box(cx: float, cy: float, half_w: float, half_h: float) -> tuple[float, float, float, float]:
    return (cx - half_w, cy - half_h, cx + half_w, cy + half_h)


def question(d: Draw, cx: float, cy: float, s: float, fg: Color, bg: Color, font: Font) -> None:
    """A speech bubble with a question mark."""
    d.rounded_rectangle(_box(cx, cy - s * 0.06, s * 0.48, s * 0.36), radius=s * 0.14, fill=fg)
    d.polygon(
        [
            (cx - s * 0.22, cy + s * 0.26),
            (cx - s * 0.32, cy + s * 0.48),
            (cx - s * 0.02, cy + s * 0.28),
        ],
        fill=fg,
    )
    glyph = font.font_variant(size=int(s * 0.58))
    d.text((cx, cy - s * 0.06), "?", font=glyph, fill=bg, anchor="mm")


def megaphone(d: Draw, cx: float, cy: float, s: float, fg: Color, bg: Color, font: Font) -> None:
    """A loud-hailer with sound waves: speaking up about a problem."""
    left = cx - s * 0.42
    d.rectangle(_box(left + s * 0.08, cy, s * 0.08, s * 0.13), fill=fg)
    d.polygon(
        [
            (left + s * 0.16, cy - s * 0.13),
            (cx + s * 0.14, cy - s * 0.36),
            (cx + s * 0.14, cy + s * 0.36),
            (left + s * 0.16, cy + s * 0.13),
        ],
        fill=fg,
    )
    d.rectangle(_box(left + s * 0.22, cy + s * 0.26, s * 0.05, s * 0.14), fill=fg)
    width = max(int(s * 0.06), 2)
    for radius in (0.22, 0.36):
        box = _box(cx + s * 0.12, cy, s * radius, s * radius)
        d.arc(box, start=-40, end=40, fill=fg, width=width)


def clipboard(d: Draw, cx: float, cy: float, s: float, fg: Color, bg: Color, font: Font) -> None:
    """A clipboard with ticked lines: my reports and their progress."""
    d.rounded_rectangle(_box(cx, cy + s * 0.04, s * 0.34, s * 0.44), radius=s * 0.07, fill=fg)
    d.rounded_rectangle(_box(cx, cy - s * 0.40, s * 0.16, s * 0.08), radius=s * 0.04, fill=bg)
    d.rounded_rectangle(_box(cx, cy - s * 0.41, s * 0.12, s * 0.05), radius=s * 0.03, fill=fg)
    width = max(int(s * 0.06), 2)
    for row in (-0.16, 0.06, 0.28):
        y = cy + s * row
        d.line(
            [(cx - s * 0.22, y), (cx - s * 0.15, y + s * 0.06), (cx - s * 0.04, y - s * 0.06)],
            fill=bg,
            width=width,
            joint="curve",
        )
        d.line([(cx + s * 0.02, y), (cx + s * 0.22, y)], fill=bg, width=width)


def office(d: Draw, cx: float, cy: float, s: float, fg: Color, bg: Color, font: Font) -> None:
    """A government building with columns: an office to contact."""
    d.polygon(
        [(cx - s * 0.46, cy - s * 0.16), (cx, cy - s * 0.44), (cx + s * 0.46, cy - s * 0.16)],
        fill=fg,
    )
    for i in range(4):
        x = cx - s * 0.30 + i * s * 0.20
        d.rectangle(_box(x, cy + s * 0.08, s * 0.055, s * 0.20), fill=fg)
    d.rectangle((cx - s * 0.46, cy + s * 0.30, cx + s * 0.46, cy + s * 0.42), fill=fg)


def news(d: Draw, cx: float, cy: float, s: float, fg: Color, bg: Color, font: Font) -> None:
    """A newspaper page: a picture block and lines of text."""
    d.rounded_rectangle(_box(cx, cy, s * 0.46, s * 0.38), radius=s * 0.06, fill=fg)
    d.rectangle((cx - s * 0.36, cy - s * 0.28, cx - s * 0.04, cy + s * 0.02), fill=bg)
    width = max(int(s * 0.055), 2)
    for y in (-0.24, -0.12, 0.0):
        d.line([(cx + s * 0.04, cy + s * y), (cx + s * 0.36, cy + s * y)], fill=bg, width=width)
    for y in (0.13, 0.25):
        d.line([(cx - s * 0.36, cy + s * y), (cx + s * 0.36, cy + s * y)], fill=bg, width=width)


def globe(d: Draw, cx: float, cy: float, s: float, fg: Color, bg: Color, font: Font) -> None:
    """A globe with meridians: choose a language."""
    width = max(int(s * 0.06), 2)
    r = s * 0.42
    d.ellipse(_box(cx, cy, r, r), outline=fg, width=width)
    d.ellipse(_box(cx, cy, r * 0.45, r), outline=fg, width=width)
    d.line([(cx, cy - r), (cx, cy + r)], fill=fg, width=width)
    d.line([(cx - r, cy), (cx + r, cy)], fill=fg, width=width)
    for y in (-0.5, 0.5):
        half = r * (1 - y * y) ** 0.5
        d.line([(cx - half, cy + r * y), (cx + half, cy + r * y)], fill=fg, width=width)


def people(d: Draw, cx: float, cy: float, s: float, fg: Color, bg: Color, font: Font) -> None:
    """Two people, one in front of the other: reporting for someone else."""
    for dx, scale in ((0.16, 0.85), (-0.12, 1.0)):
        x, r = cx + s * dx, s * 0.13 * scale
        top = cy - s * 0.22
        d.ellipse(_box(x, top, r + s * 0.03, r + s * 0.03), fill=bg)
        d.ellipse(_box(x, top, r, r), fill=fg)
        body = (x - s * 0.26 * scale, cy - s * 0.02, x + s * 0.26 * scale, cy + s * 0.5 * scale)
        d.chord(
            (body[0] - s * 0.03, body[1] - s * 0.03, body[2] + s * 0.03, body[3]),
            start=180,
            end=360,
            fill=bg,
        )
        d.chord(body, start=180, end=360, fill=fg)


def pin(d: Draw, cx: float, cy: float, s: float, fg: Color, bg: Color, font: Font) -> None:
    """A map pin: my area."""
    r = s * 0.30
    top = cy - s * 0.14
    d.ellipse(_box(cx, top, r, r), fill=fg)
    d.polygon(
        [(cx - r * 0.86, top + r * 0.5), (cx, cy + s * 0.46), (cx + r * 0.86, top + r * 0.5)],
        fill=fg,
    )
    d.ellipse(_box(cx, top, r * 0.42, r * 0.42), fill=bg)


def bell(d: Draw, cx: float, cy: float, s: float, fg: Color, bg: Color, font: Font) -> None:
    """A bell: announcements for me."""
    d.ellipse(_box(cx, cy - s * 0.40, s * 0.06, s * 0.06), fill=fg)
    d.chord(_box(cx, cy - s * 0.10, s * 0.26, s * 0.28), start=180, end=360, fill=fg)
    d.polygon(
        [
            (cx - s * 0.26, cy - s * 0.12),
            (cx + s * 0.26, cy - s * 0.12),
            (cx + s * 0.38, cy + s * 0.22),
            (cx - s * 0.38, cy + s * 0.22),
        ],
        fill=fg,
    )
    d.rounded_rectangle(_box(cx, cy + s * 0.25, s * 0.42, s * 0.05), radius=s * 0.04, fill=fg)
    d.chord(_box(cx, cy + s * 0.32, s * 0.10, s * 0.10), start=0, end=180, fill=fg)


def survey(d: Draw, cx: float, cy: float, s: float, fg: Color, bg: Color, font: Font) -> None:
    """A form with tick boxes and answer lines: a survey to fill in."""
    d.rounded_rectangle(_box(cx, cy, s * 0.36, s * 0.46), radius=s * 0.06, fill=fg)
    width = max(int(s * 0.05), 2)
    for row, ticked in ((-0.26, True), (0.0, False), (0.26, True)):
        y = cy + s * row
        box = _box(cx - s * 0.17, y, s * 0.08, s * 0.08)
        d.rectangle(box, outline=bg, width=width)
        if ticked:
            tick = [
                (box[0] + s * 0.02, y),
                (cx - s * 0.17, y + s * 0.05),
                (box[2] + s * 0.03, y - s * 0.09),
            ]
            d.line(tick, fill=bg, width=width)
        d.rounded_rectangle(_box(cx + s * 0.10, y, s * 0.14, s * 0.03), radius=s * 0.02, fill=bg)


ICONS: dict[str, IconPainter] = {
    "question": question,
    "megaphone": megaphone,
    "clipboard": clipboard,
    "office": office,
    "news": news,
    "globe": globe,
    "people": people,
    "pin": pin,
    "bell": bell,
    "survey": survey,
}
