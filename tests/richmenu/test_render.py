"""The menu file is checked, and its images are LINE-sized, small enough, Thai and high-contrast."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from bot.richmenu.definition import MENUS_FILE, MenuFileError, load_menus
from bot.richmenu.render import (
    MIN_LABEL_SIZE,
    _font,
    find_thai_font,
    label_font_size,
    label_line_widths,
    label_lines,
    label_room,
    render_menu,
)
from bot.richmenu.sync import BuiltMenu

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def _luminance(hex_color: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_color[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def test_the_two_menus_are_public_by_default_and_volunteer_for_volunteers_and_graduates() -> None:
    public, volunteer, _, _ = load_menus()
    assert (public.id, public.default, public.roles) == ("public", True, ())
    assert (volunteer.id, volunteer.default, volunteer.roles) == (
        "volunteer",
        False,
        ("volunteer", "graduate"),
    )
    public_actions = {b.value for b in public.buttons}
    assert public_actions == {
        "help_menu",
        "complaint_file",
        "complaint_status",
        "contact_office",
        "announcements",
        "action=language",
    }
    # The volunteer menu is the public one plus the volunteer's own buttons.
    assert {b.value for b in volunteer.buttons} == public_actions | {
        "volunteer_register",
        "action=report_for_other",
        "action=my_announcements",
        "action=survey",
    }


def test_images_have_the_menu_size_fit_in_one_megabyte_and_are_saved_for_a_look(
    built_menus: list[BuiltMenu],
) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for menu in built_menus:
        assert menu.content_type == "image/png"
        assert len(menu.image) <= 1024 * 1024
        image = Image.open(io.BytesIO(menu.image))
        assert image.size == (menu.spec.width, menu.spec.height) == (2500, 1686)
        (SCREENSHOTS / f"richmenu-{menu.spec.id}.png").write_bytes(menu.image)


def test_every_area_covers_its_own_tile_and_together_they_cover_the_menu(
    built_menus: list[BuiltMenu],
) -> None:
    for menu in built_menus:
        areas = menu.request.areas or []
        covered = sum(a.bounds.width * a.bounds.height for a in areas)
        assert covered == menu.spec.width * menu.spec.height
        image = Image.open(io.BytesIO(menu.image)).convert("RGB")
        for area, button in zip(areas, menu.spec.buttons, strict=True):
            b = area.bounds
            # Just inside the tile's top-left rounded corner: the tile's own colour.
            pixel = image.getpixel((b.x + 60, b.y + 60))
            wanted = tuple(int(button.color[i : i + 2], 16) for i in (1, 3, 5))
            assert pixel == wanted, (button.label, pixel, wanted)


def test_white_labels_on_every_tile_pass_wcag_aaa_contrast() -> None:
    for menu in load_menus():
        for button in menu.buttons:
            ratio = 1.05 / (_luminance(button.color) + 0.05)
            assert ratio >= 7.0, f"{button.label}: {ratio:.1f}:1 is too low for a small phone"


def test_every_label_line_fits_its_tile_at_a_readable_size_in_the_renderers_font() -> None:
    font = find_thai_font()
    for menu in load_menus():
        for button in menu.buttons:
            widths = label_line_widths(label_lines(button), font, MIN_LABEL_SIZE)
            room = label_room(menu, button)
            assert max(widths) <= room, f"{button.label}: {max(widths):.0f} px > {room:.0f} px"
            assert label_font_size(menu, button, font) >= MIN_LABEL_SIZE


def test_every_label_reaches_line_whole_not_cut_at_the_20_character_action_limit() -> None:
    for menu in load_menus():
        for button in menu.buttons:
            action = button.action()
            assert action.label == button.text, f"LINE would show {action.label!r}"
            assert len(action.label) <= 20


def test_a_label_too_long_for_its_tile_is_refused_by_the_renderer_not_drawn_over_the_edge(
    tmp_path: Path,
) -> None:
    text = MENUS_FILE.read_text(encoding="utf-8")
    old = "label: ติดต่อหน่วยงาน, label_ms:"
    assert old in text
    too_wide = "ติดต่อหน่วยงานแรงงาน"  # 20 characters: LINE takes it, the tile does not
    changed = tmp_path / "menus.yaml"
    changed.write_text(text.replace(old, f"label: {too_wide}, label_ms:", 1), encoding="utf-8")
    public = load_menus(changed)[0]
    with pytest.raises(MenuFileError, match=f"label '{too_wide}' does not fit its tile"):
        render_menu(public)


def test_the_font_draws_thai_letters_not_empty_boxes() -> None:
    font = _font(find_thai_font(), 80)
    thai = font.getmask("ถามคำถาม")
    missing = font.getmask("\U000f0000\U000f0000")  # a private-use code point: .notdef boxes
    assert thai.getbbox() is not None
    assert (
        thai.size != missing.size
        or ImageChops.difference(
            Image.frombytes("L", thai.size, bytes(thai)),
            Image.frombytes("L", missing.size, bytes(missing)),
        ).getbbox()
    )


@pytest.mark.parametrize(
    ("old", "new", "complaint"),
    [
        ("chat_bar_text: เมนูอาสาบอท", "chat_bar_text: เมนูอาสาบอทสำหรับทุกคน", "chat_bar_text"),
        ("size: [2500, 1686]\n    grid: [3, 2]", "size: [2000, 1000]\n    grid: [3, 2]", "size"),
        ('cell: [2, 1], label: "ภาษา|Bahasa"', 'cell: [3, 1], label: "ภาษา|Bahasa"', "cell"),
        ("intent: help_menu}", "intent: help_menu, message: สวัสดี}", "exactly one of"),
        ('color: "#005C36"', "color: green", "color"),
        ("    default: true\n", "", "exactly one menu must be `default: true`"),
        ("label: ข่าวสาร,", "label: ข่าวสารจากกระทรวงแรงงาน,", "LINE allows 20"),
        ("postback: action=language}", "postback: lang=th}", "must start action="),
        (
            "postback: action=report_for_other}",
            "postback: action=report_for_other&note=" + "x" * 280 + "}",
            "LINE allows 300",
        ),
    ],
)
def test_a_broken_menu_file_is_refused_with_where_and_why(
    tmp_path: Path, old: str, new: str, complaint: str
) -> None:
    text = MENUS_FILE.read_text(encoding="utf-8")
    assert old in text
    broken = tmp_path / "menus.yaml"
    broken.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(MenuFileError, match=complaint):
        load_menus(broken)
