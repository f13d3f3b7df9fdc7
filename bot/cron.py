"""What runs on a timer in production: the Procfile's `clock` process, `rq cron bot.cron`.

The jobs run in the ordinary RQ workers; without Redis (the demo) nothing here runs, and the
same work is one command away: `asabot complaints notify-pending` / `erase-expired`.
"""

from rq import cron

from bot.agent_requests.jobs import erase_expired_handoffs, sweep_handoffs
from bot.complaints.jobs import erase_expired_complaints, notify_pending_statuses

# A failed status push is retried within 15 minutes, well inside LINE's 24-hour retry-key memory.
cron.register(notify_pending_statuses, "default", interval=15 * 60, name="notify-pending")
cron.register(erase_expired_complaints, "default", interval=24 * 60 * 60, name="erase-expired")
# Conversations with officers: unanswered or idle ones go back to the bot within a minute.
cron.register(sweep_handoffs, "default", interval=60, name="handoff-sweep")
cron.register(erase_expired_handoffs, "default", interval=24 * 60 * 60, name="handoff-erase")
