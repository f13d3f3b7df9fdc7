"""Every model module, imported so Alembic and create_all see the whole schema."""

from bot.models.agent_requests import AgentRequest, AgentRequestStatus
from bot.models.base import Base, utcnow
from bot.models.broadcasts import (
    BatchStatus,
    Broadcast,
    BroadcastBatch,
    BroadcastRecipient,
    BroadcastStatus,
)
from bot.models.complaints import (
    Affected,
    Complaint,
    ComplaintAttachment,
    ComplaintEvent,
    ComplaintStatus,
    ReferenceCounter,
)
from bot.models.content import ContentArticle, ContentDocument
from bot.models.messages import Direction, MessageLog
from bot.models.staff import (
    STAFF_ROLE_LABELS,
    AuditEntry,
    IntentLabel,
    LoginAttempt,
    StaffRole,
    StaffUser,
)
from bot.models.users import LineUser
from bot.models.volunteers import ROLE_LABELS, Role, Volunteer

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
