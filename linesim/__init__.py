"""linesim: a local emulator of the LINE Messaging API platform (never imports bot or intents).

Where things are: `app` (the factory) wires a `channel` (config, `state`, rate limiter, webhook
sender) and mounts `api/` (the /v2/bot endpoints the bot calls) and `inspection` (the /_sim API
tests and the chat page use). `state` holds everything that changes (users, chats, deliveries),
with `audiences` and `richmenus` as its parts; `events` builds what `webhook` sends; `gate`
(auth, faults, rate limits), `validation`/`flex`/`checks` (LINE's message rules), `errors`,
`ids`; `server` runs it, `client` drives it from tests.
"""

from linesim.app import create_app
from linesim.client import SimChat, SimClient
from linesim.config import SimConfig
from linesim.server import RunningSim, serve, start_in_thread

__all__ = [
    "RunningSim",
    "SimChat",
    "SimClient",
    "SimConfig",
    "create_app",
    "serve",
    "start_in_thread",
]
