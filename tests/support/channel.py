"""The LINE channel every test bot and emulator shares."""

from __future__ import annotations

CHANNEL_SECRET = "test-channel-secret-0123456789ab"
ACCESS_TOKEN = "test-access-token"
# The bot's own user id, as LINE puts it in each body's `destination`.
BOT_USER_ID = "Uf" + "0" * 31
