"""Who may do what: roles, provinces and the Ombudsman's categories, as plain functions.

Views ask these before they answer, and menus ask the same ones, so a link is shown exactly
when following it is allowed.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import ColumnElement, false, select, true

from bot.admin.models import StaffRole, StaffUser
from bot.agent_requests.models import AgentRequest, Handoff
from bot.chat.models import MessageLog
from bot.complaints.models import Complaint
from bot.complaints.routing import CATEGORIES
from bot.volunteers.models import Volunteer

# The categories routed to the Office of the Ombudsman (MOU 2023).
OMBUDSMAN_CATEGORIES = frozenset(c.code for c in CATEGORIES if c.body == "ombudsman")

# Areas of the console and the roles that may enter them.
AREAS: dict[str, frozenset[StaffRole]] = {
    "dashboard": frozenset(StaffRole),
    "complaints": frozenset(StaffRole),
    # Requests to talk to Ministry of Labour staff: the Ombudsman's office does not answer them.
    "agent_requests": frozenset({StaffRole.ADMIN, StaffRole.OFFICER}),
    # "แชทกับประชาชน": officers answer people in the chat, as they follow up requests.
    "handoff": frozenset({StaffRole.ADMIN, StaffRole.OFFICER}),
    "broadcasts": frozenset({StaffRole.ADMIN, StaffRole.OFFICER}),
    "volunteers": frozenset({StaffRole.ADMIN, StaffRole.OFFICER}),
    "surveys": frozenset({StaffRole.ADMIN, StaffRole.OFFICER}),
    "unsure": frozenset({StaffRole.ADMIN, StaffRole.OFFICER}),
    "content": frozenset({StaffRole.ADMIN}),
    "audit": frozenset({StaffRole.ADMIN}),
}


def can_enter(staff: StaffUser, area: str) -> bool:
    return staff.role in AREAS[area]


def complaint_scope(staff: StaffUser) -> ColumnElement[bool]:
    """A WHERE clause limiting complaints to those `staff` may see."""
    if staff.role is StaffRole.ADMIN:
        return true()
    if staff.role is StaffRole.OMBUDSMAN:
        return Complaint.category.in_(sorted(OMBUDSMAN_CATEGORIES))
    if not staff.provinces:
        return false()
    return Complaint.province_code.in_(list(staff.provinces))


def can_see_complaint(staff: StaffUser, complaint: Complaint) -> bool:
    if staff.role is StaffRole.ADMIN:
        return True
    if staff.role is StaffRole.OMBUDSMAN:
        return complaint.category in OMBUDSMAN_CATEGORIES
    return complaint.province_code is not None and complaint.province_code in staff.provinces


def agent_request_scope(staff: StaffUser) -> ColumnElement[bool]:
    """Requests `staff` may follow up: officers those from their provinces (by registration)."""
    if staff.role is StaffRole.ADMIN:
        return true()
    if staff.role is StaffRole.OFFICER and staff.provinces:
        return AgentRequest.province_code.in_(list(staff.provinces))
    return false()


def can_see_agent_request(staff: StaffUser, request: AgentRequest) -> bool:
    if staff.role is StaffRole.ADMIN:
        return True
    return (
        staff.role is StaffRole.OFFICER
        and request.province_code is not None
        and request.province_code in staff.provinces
    )


def handoff_scope(staff: StaffUser) -> ColumnElement[bool]:
    """Conversations `staff` may see and take: officers those of their provinces."""
    if staff.role is StaffRole.ADMIN:
        return true()
    if staff.role is StaffRole.OFFICER and staff.provinces:
        return Handoff.province_code.in_(list(staff.provinces))
    return false()


def can_see_handoff(staff: StaffUser, handoff: Handoff) -> bool:
    if staff.role is StaffRole.ADMIN or handoff.officer_id == staff.id:
        return True  # an officer keeps a conversation transferred to them from elsewhere
    return (
        staff.role is StaffRole.OFFICER
        and handoff.province_code is not None
        and handoff.province_code in staff.provinces
    )


def volunteer_scope(staff: StaffUser) -> ColumnElement[bool]:
    if staff.role is StaffRole.ADMIN:
        return true()
    if staff.role is StaffRole.OFFICER and staff.provinces:
        return Volunteer.province_code.in_(list(staff.provinces))
    return false()


def message_scope(staff: StaffUser) -> ColumnElement[bool]:
    """Logged messages `staff` may read: officers those of people registered in their provinces
    (a message carries no place of its own); the rest, and unregistered senders, admins only."""
    if staff.role is StaffRole.ADMIN:
        return true()
    if staff.role is StaffRole.OFFICER and staff.provinces:
        registered_there = select(Volunteer.user_id).where(
            Volunteer.province_code.in_(list(staff.provinces))
        )
        return MessageLog.user_id.in_(registered_there)
    return false()


def can_see_message(staff: StaffUser, sender: Volunteer | None) -> bool:
    """May `staff` read a message whose sender's registration is `sender` (None: unregistered)?"""
    if staff.role is StaffRole.ADMIN:
        return True
    return (
        staff.role is StaffRole.OFFICER
        and sender is not None
        and sender.province_code is not None
        and sender.province_code in staff.provinces
    )


def may_address(staff: StaffUser, provinces: Iterable[str], districts: Iterable[str] = ()) -> bool:
    """May `staff` send to this audience? Officers only to places inside their provinces."""
    if staff.role is StaffRole.ADMIN:
        return True
    if staff.role is not StaffRole.OFFICER:
        return False
    provinces, districts = list(provinces), list(districts)
    if not provinces and not districts:
        return False  # "everyone" reaches other provinces too
    own = set(staff.provinces)
    return all(p in own for p in provinces) and all(d[:2] in own for d in districts)


def province_codes_for(staff: StaffUser, all_codes: Iterable[str]) -> list[str]:
    """The provinces to offer `staff` in filters and forms."""
    codes = list(all_codes)
    if staff.role is StaffRole.OFFICER:
        return [c for c in codes if c in staff.provinces] + [
            c for c in staff.provinces if c not in codes
        ]
    return codes
