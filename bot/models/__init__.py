"""Every model module, imported so Alembic and create_all see the whole schema."""

from .agent_requests import AgentRequest, AgentRequestStatus
from .base import Base, utcnow
from .broadcasts import BatchStatus, Broadcast, BroadcastBatch, BroadcastRecipient, BroadcastStatus
from .complaints import (
    Affected,
    Complaint,
    ComplaintAttachment,
    ComplaintEvent,
    ComplaintStatus,
    ReferenceCounter,
)
from .content import ContentArticle, ContentDocument
from .messages import Direction, MessageLog
from .staff import (
    STAFF_ROLE_LABELS,
    AuditEntry,
    IntentLabel,
    LoginAttempt,
    StaffRole,
    StaffUser,
)
from .users import LineUser
from .volunteers import ROLE_LABELS, Role, Volunteer

__all__ = [
    "Affected",
    "AgentRequest",
    "AgentRequestStatus",
    "AuditEntry",
    "Base",
    "BatchStatus",
    "Broadcast",
    "BroadcastBatch",
    "BroadcastRecipient",
    "BroadcastStatus",
    "Complaint",
    "ComplaintAttachment",
    "ComplaintEvent",
    "ComplaintStatus",
    "ContentArticle",
    "ContentDocument",
    "Direction",
    "IntentLabel",
    "LoginAttempt",
    "LineUser",
    "MessageLog",
    "ROLE_LABELS",
    "ReferenceCounter",
    "Role",
    "STAFF_ROLE_LABELS",
    "StaffRole",
    "StaffUser",
    "Volunteer",
    "utcnow",
]
