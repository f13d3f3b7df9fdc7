"""Phone numbers are encrypted at rest with a Fernet key from the environment."""

from __future__ import annotations

import re

from cryptography.fernet import Fernet, InvalidToken

from bot.core.services import get_services

_NON_DIGITS = re.compile(r"[^\d+]")
# Thai numbers: mobiles 06/08/09 + 8 digits, landlines 0[2-7] + 7 digits; +66 drops the 0.
_THAI_PHONE = re.compile(r"0(?:[689]\d{8}|[2-7]\d{7})")


class PhoneCipher:
    def __init__(self, key: str | bytes) -> None:
        self._fernet = Fernet(key)

    def encrypt(self, phone: str) -> str:
        return self._fernet.encrypt(phone.encode()).decode("ascii")

    def decrypt(self, token: str) -> str | None:
        """The phone number, or None when the key has changed since it was written."""
        try:
            return self._fernet.decrypt(token.encode("ascii")).decode()
        except InvalidToken:
            return None


# Phones often type Thai digits (๐๘๑...); `\d` would keep them but `0` would not match them.
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def normalise_phone(text: str) -> str | None:
    """A Thai phone number in 0XXXXXXXXX form, or None when `text` is not one."""
    digits = _NON_DIGITS.sub("", text.strip().translate(_THAI_DIGITS))
    if digits.startswith("+66"):
        digits = "0" + digits[3:]
    elif digits.startswith("66") and len(digits) in (10, 11):
        digits = "0" + digits[2:]
    return digits if _THAI_PHONE.fullmatch(digits) else None


def phone_cipher_for(key: str | bytes | None) -> PhoneCipher | None:
    """The cipher for COMPLAINT_PHONE_KEY, or None when it is not set (phones are not asked)."""
    return PhoneCipher(key) if key else None


def get_phone_cipher() -> PhoneCipher | None:
    """The app's cipher, built once by the app factory, for views and commands."""
    return get_services().phone_cipher
