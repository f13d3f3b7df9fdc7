"""What runs on a timer in production: the Procfile's `clock` process, `rq cron bot.cron`.

The jobs run in the ordinary RQ workers; without Redis (the demo) nothing here runs, and the
same work is one command away: `asabot complaints notify-pending` / `erase-expired`.
"""

from rq import cron

from bot.agent_requests.jobs import erase_expired_handoffs, sweep_handoffs
from bot.chat.jobs import sweep_drafts, sweep_outbox
from bot.complaints.jobs import erase_expired_complaints, notify_pending_statuses

# A failed status push is retried within 15 minutes, well inside LINE's 24-hour retry-key memory.
cron.register(notify_pending_statuses, "default", interval=15 * 60, name="notify-pending")
cron.register(erase_expired_complaints, "default", interval=24 * 60 * 60, name="erase-expired")
# Conversations with officers: unanswered or idle ones go back to the bot within a minute.
cron.register(sweep_handoffs, "default", interval=60, name="handoff-sweep")
cron.register(erase_expired_handoffs, "default", interval=24 * 60 * 60, name="handoff-erase")
# Answers LINE has not accepted (a worker died after its commit, LINE failing for a while):
# sent again with their own retry keys, until 23 hours, before LINE forgets those keys at 24.
cron.register(sweep_outbox, "default", interval=5 * 60, name="outbox-sweep")
cron.register(sweep_drafts, "default", interval=60 * 60, name="drafts-erase")
