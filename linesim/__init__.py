"""linesim: a local emulator of the LINE Messaging API platform (never imports bot or intents)."""

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
