"""The staff console under /admin: Thai pages over the same models the bot writes.

Each area is a child blueprint of its own module, registered once here under the parent `bp`.
"""

from __future__ import annotations

from bot.admin import auth, dashboard
from bot.admin.console import bp, init_app
from bot.agent_requests import inbox as handoff
from bot.agent_requests import views as agent_requests
from bot.broadcasts import views as broadcasts
from bot.complaints import views as complaints
from bot.content import unsure
from bot.content import views as content
from bot.surveys import views as surveys
from bot.volunteers import views as volunteers

_AREAS = (auth, dashboard, complaints, handoff, agent_requests, broadcasts, volunteers, unsure)
for _area in (*_AREAS, content, surveys):
    bp.register_blueprint(_area.bp)

__all__ = ["bp", "init_app"]
