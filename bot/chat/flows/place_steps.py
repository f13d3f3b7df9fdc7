"""The "where?" steps that several flows share: an area button or a typed place, then the district.

Each flow keeps its own states; these helpers read the answer into `ctx.data["province"]` and
`ctx.data["district"]` and say which state comes next.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence

import geothai
from linebot.v3.messaging import TextMessage

from bot.chat.flows.engine import MAX_QUICK_REPLIES, Choice, FlowContext, Step
from bot.core.places import REGION_AREAS, district_in, names_province, parse_place

AREA_CHOICES = tuple(
    Choice(f"area:{province}:{district or ''}", label)
    for label, province, district in REGION_AREAS
)
AMBIGUOUS_DISTRICT = "ชื่ออำเภอนี้มีหลายจังหวัดค่ะ พิมพ์ชื่อจังหวัดด้วยนะคะ"


def place_step(
    ctx: FlowContext,
    *,
    place_state: enum.Enum,
    district_state: enum.Enum,
    then: Callable[[], Step],
) -> Step | None:
    """Read a tapped area or a typed place: `then()` once the district is known, else ask it.

    `place_state` is asked again when the district's name is in several provinces; None means
    the input was not a place.
    """
    inp = ctx.input
    if inp.kind == "choice" and (inp.value or "").startswith("area:"):
        _, province, district = (inp.value or "").split(":")
        ctx.data["province"] = province
        if district:
            ctx.data["district"] = district
            return then()
        return Step(district_state)
    if inp.kind != "text":
        return None
    guess = parse_place(inp.text)
    if guess.place is None and guess.ambiguous_districts:
        return Step(place_state, [TextMessage(text=AMBIGUOUS_DISTRICT)])
    if guess.place is None:
        return None
    ctx.data["province"] = guess.place.province_code
    if guess.place.district_code:
        ctx.data["district"] = guess.place.district_code
        return then()
    return Step(district_state)


def district_step(
    ctx: FlowContext, then: Callable[[], Step], *, district_state: enum.Enum | None = None
) -> Step | None:
    """Read a district of the province already chosen (tapped or typed); None if it is not one.

    A place typed in another province corrects the province ("ไม่ใช่ตาก อยู่ตากใบ นราธิวาส"):
    with its district it is the answer; without, `district_state` asks that province's district.
    """
    inp = ctx.input
    code = None
    if inp.kind == "choice" and (inp.value or "").startswith("district:"):
        code = (inp.value or "").split(":", 1)[1]
    elif inp.kind == "text":
        code = district_in(ctx.data["province"], inp.text)
        if code is None:
            return _other_province(ctx, then, district_state)
    if not code or code[:2] != ctx.data.get("province"):
        return None
    ctx.data["district"] = code
    return then()


_SERVICE_PROVINCES = frozenset(province for _, province, _ in REGION_AREAS)


def _other_province(
    ctx: FlowContext, then: Callable[[], Step], district_state: enum.Enum | None
) -> Step | None:
    """The place of another province the text names, when it is surely meant as a correction:
    that province is named too, or a district of the service area is typed where a province
    outside it was read ("ตากใบ" after "ตาก"). "หาดใหญ่" typed for Narathiwat is only a slip."""
    text = ctx.input.text
    place = parse_place(text).place
    chosen = ctx.data.get("province")
    if place is None or place.province_code == chosen:
        return None
    misread = chosen not in _SERVICE_PROVINCES and place.province_code in _SERVICE_PROVINCES
    if not (misread or names_province(text, place.province_code)):
        return None
    if place.district_code:
        ctx.data.update(province=place.province_code, district=place.district_code)
        return then()
    if district_state is None:
        return None
    ctx.data["province"] = place.province_code
    return Step(district_state)


def district_question(ctx: FlowContext, first: Sequence[Choice] = ()) -> TextMessage:
    """Which district of the chosen province: `first`, then as many districts as buttons fit."""
    province = geothai.province(ctx.data.get("province", ""))
    districts = geothai.districts(province.code) if province else []
    room = MAX_QUICK_REPLIES - 1 - len(first)  # ยกเลิก takes the last button
    choices = [Choice(f"district:{d.code}", d.name_th) for d in districts[:room]]
    name = province.name_th if province else ""
    return ctx.ask(f"อำเภออะไรของจังหวัด{name}คะ (พิมพ์ชื่ออำเภอได้ค่ะ)", [*first, *choices])
