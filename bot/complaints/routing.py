"""Categories of complaint and the body responsible for each, per area.

People need not know who is responsible (FixMyStreet's lesson): the category and the place decide,
and the choice is kept on the record so staff can see and change it.
"""

from __future__ import annotations

from dataclasses import dataclass

import geothai


@dataclass(frozen=True)
class Category:
    code: str
    label: str  # Thai, fits a quick-reply button (20 characters)
    body: str  # code of the responsible body


CATEGORIES: tuple[Category, ...] = (
    Category("wages_dismissal", "ค่าจ้าง/เลิกจ้าง", "labour_protection"),
    Category("social_security", "ประกันสังคม", "social_security"),
    Category("safety_injury", "ความปลอดภัย/บาดเจ็บ", "labour_protection"),
    Category("work_abroad", "ไปทำงานต่างประเทศ", "employment"),
    Category("state_agency", "หน่วยงานรัฐ/จนท.รัฐ", "ombudsman"),
    Category("other", "เรื่องอื่น", "triage"),
)
CATEGORY_BY_CODE = {c.code: c for c in CATEGORIES}


@dataclass(frozen=True)
class Body:
    code: str
    provincial: str | None  # the office in a province: the province's Thai name is appended
    national: str  # when the province is not known, or the body has no provincial office


BODIES: dict[str, Body] = {
    body.code: body
    for body in (
        Body("ombudsman", None, "สำนักงานผู้ตรวจการแผ่นดิน"),
        Body(
            "labour_protection",
            "สำนักงานสวัสดิการและคุ้มครองแรงงานจังหวัด",
            "กรมสวัสดิการและคุ้มครองแรงงาน",
        ),
        Body("social_security", "สำนักงานประกันสังคมจังหวัด", "สำนักงานประกันสังคม"),
        Body("employment", "สำนักงานจัดหางานจังหวัด", "กรมการจัดหางาน"),
        # "Other" is read by a person first, who forwards it (status "forwarded").
        Body("triage", None, "เจ้าหน้าที่อาสาบอท (คัดกรองเรื่อง)"),
    )
}


def route(category: str) -> str:
    """The responsible body's code for a category (unknown categories go to triage)."""
    found = CATEGORY_BY_CODE.get(category)
    return found.body if found else "triage"


def body_name(body_code: str, province_code: str | None) -> str:
    """The body's Thai name, with the province's office when there is one."""
    body = BODIES.get(body_code, BODIES["triage"])
    province = geothai.province(province_code) if province_code else None
    if body.provincial and province is not None:
        return body.provincial + province.name_th
    return body.national


def category_label(code: str) -> str:
    found = CATEGORY_BY_CODE.get(code)
    return found.label if found else code
