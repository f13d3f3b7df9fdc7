"""Every model module, imported so Alembic and create_all see the whole schema."""

from bot.admin.models import (
    STAFF_ROLE_LABELS,
    AuditEntry,
    IntentLabel,
    LoginAttempt,
    StaffRole,
    StaffUser,
)
from bot.agent_requests.models import (
    AgentRequest,
    AgentRequestStatus,
    Handoff,
    HandoffMessage,
    HandoffStatus,
)
from bot.broadcasts.models import (
    BatchStatus,
    Broadcast,
    BroadcastBatch,
    BroadcastRecipient,
    BroadcastStatus,
)
from bot.chat.models import Delivery, Direction, FlowDraft, InboxEvent, MessageLog
from bot.complaints.models import (
    Affected,
    Complaint,
    ComplaintAttachment,
    ComplaintEvent,
    ComplaintStatus,
    ReferenceCounter,
)
from bot.content.models import ContentArticle, ContentDocument
from bot.core.orm import Base, utcnow
from bot.core.users import LineUser
from bot.surveys.models import SurveyExport, SurveyForm, SurveyMedia, SurveyResponse
from bot.volunteers.models import ROLE_LABELS, Role, Volunteer

__all__ = [
    "Affected",
    "AgentRequest",
    "AgentRequestStatus",
    "Handoff",
    "HandoffMessage",
    "HandoffStatus",
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
    "Delivery",
    "Direction",
    "FlowDraft",
    "InboxEvent",
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
    "SurveyExport",
    "SurveyForm",
    "SurveyMedia",
    "SurveyResponse",
    "Volunteer",
    "utcnow",
]
