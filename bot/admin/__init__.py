"""The staff console under /admin: Thai pages over the same models the bot writes.

Each area is a child blueprint of its own module, registered once here under the parent `bp`.
"""

from __future__ import annotations

from bot.admin import (
    agent_requests,
    auth,
    broadcasts,
    complaints,
    content,
    dashboard,
    unsure,
    volunteers,
)
from bot.admin.console import bp, init_app

for _area in (auth, dashboard, complaints, agent_requests, broadcasts, volunteers, unsure, content):
    bp.register_blueprint(_area.bp)

__all__ = ["bp", "init_app"]
