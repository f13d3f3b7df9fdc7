"""Kept so older imports work: the phone cipher and the phone reader now live in bot/core
(volunteers' phones are encrypted with the same key)."""

from __future__ import annotations

from bot.core.crypto import Cipher, phone_cipher_for
from bot.core.phones import normalise_phone
from bot.core.services import get_services

PhoneCipher = Cipher


def get_phone_cipher() -> Cipher | None:
    """The app's cipher, built once by the app factory, for views and commands."""
    return get_services().phone_cipher


__all__ = ["PhoneCipher", "get_phone_cipher", "normalise_phone", "phone_cipher_for"]
