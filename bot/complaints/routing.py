"""Categories of complaint and the body responsible for each, per area.

People need not know who is responsible (FixMyStreet's lesson): the category and the place decide,
and the choice is kept on the record so staff can see and change it.
"""

from __future__ import annotations

from dataclasses import dataclass

import geothai

from bot.core.i18n import IN_THAI, L_, N_, Translator
from bot.core.places import place_name


@dataclass(frozen=True)
class Category:
    code: str
    label: str  # Thai (the msgid of its Malay form), fits a quick-reply button (20 characters)
    body: str  # code of the responsible body


CATEGORIES: tuple[Category, ...] = (
    Category("wages_dismissal", L_("ค่าจ้าง/เลิกจ้าง"), "labour_protection"),
    Category("social_security", L_("ประกันสังคม"), "social_security"),
    Category("safety_injury", L_("ความปลอดภัย/บาดเจ็บ"), "labour_protection"),
    Category("work_abroad", L_("ไปทำงานต่างประเทศ"), "employment"),
    Category("state_agency", L_("หน่วยงานรัฐ/จนท.รัฐ"), "ombudsman"),
    Category("other", L_("เรื่องอื่น"), "triage"),
)
CATEGORY_BY_CODE = {c.code: c for c in CATEGORIES}


@dataclass(frozen=True)
class Body:
    code: str
    # The office in a province: the province's name is appended (Thai: joined; Malay: a space,
    # "Pejabat Keselamatan Sosial Wilayah Pattani").
    provincial: str | None
    national: str  # when the province is not known, or the body has no provincial office


BODIES: dict[str, Body] = {
    body.code: body
    for body in (
        Body("ombudsman", None, N_("สำนักงานผู้ตรวจการแผ่นดิน")),
        Body(
            "labour_protection",
            N_("สำนักงานสวัสดิการและคุ้มครองแรงงานจังหวัด"),
            N_("กรมสวัสดิการและคุ้มครองแรงงาน"),
        ),
        Body("social_security", N_("สำนักงานประกันสังคมจังหวัด"), N_("สำนักงานประกันสังคม")),
        Body("employment", N_("สำนักงานจัดหางานจังหวัด"), N_("กรมการจัดหางาน")),
        # "Other" is read by a person first, who forwards it (status "forwarded").
        Body("triage", None, N_("เจ้าหน้าที่อาสาบอท (คัดกรองเรื่อง)")),
    )
}


def route(category: str) -> str:
    """The responsible body's code for a category (unknown categories go to triage)."""
    found = CATEGORY_BY_CODE.get(category)
    return found.body if found else "triage"


def body_name(body_code: str, province_code: str | None, t: Translator = IN_THAI) -> str:
    """The body's name (Thai unless `t` says), with the province's office when there is one."""
    body = BODIES.get(body_code, BODIES["triage"])
    province = geothai.province(province_code) if province_code else None
    if body.provincial and province is not None:
        joint = " " if t.is_malay else ""
        return t(body.provincial) + joint + place_name(province, t)
    return t(body.national)


def category_label(code: str, t: Translator = IN_THAI) -> str:
    found = CATEGORY_BY_CODE.get(code)
    return t(found.label) if found else code
