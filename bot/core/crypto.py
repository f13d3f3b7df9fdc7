"""Encryption at rest: phone numbers (complaints, volunteers) and conversation drafts.

Phone numbers use a Fernet key from the environment (COMPLAINT_PHONE_KEY, the name it had when
only complaints kept phones; the app's cipher is `Services.phone_cipher`); drafts use a key
derived from the console's SECRET_KEY, which every worker already shares.
"""

from __future__ import annotations

import base64
import hashlib
import json
from typing import Any

from cryptography.fernet import Fernet, InvalidToken


class Cipher:
    """Fernet over short strings: a token that is safe to store, and back."""

    def __init__(self, key: str | bytes) -> None:
        self._fernet = Fernet(key)

    def encrypt(self, text: str) -> str:
        return self._fernet.encrypt(text.encode()).decode("ascii")

    def decrypt(self, token: str) -> str | None:
        """The plain text, or None when the key has changed since it was written."""
        try:
            return self._fernet.decrypt(token.encode("ascii")).decode()
        except (InvalidToken, UnicodeEncodeError):
            return None


def phone_cipher_for(key: str | bytes | None) -> Cipher | None:
    """The cipher for COMPLAINT_PHONE_KEY, or None when it is not set (phones are not asked)."""
    return Cipher(key) if key else None


def derived_cipher(secret: str, purpose: str) -> Cipher:
    """A cipher whose key is derived from `secret` for one `purpose` (so keys never repeat)."""
    digest = hashlib.sha256(f"asabot:{purpose}:{secret}".encode()).digest()
    return Cipher(base64.urlsafe_b64encode(digest))


# Marks an encrypted value; a value without it was written before values were encrypted.
SEALED = "sealed:"


def seal_json(value: Any, sealer: Cipher | None) -> str:
    """JSON of `value`, encrypted when there is a cipher (drafts and stored answers at rest)."""
    text = json.dumps(value, ensure_ascii=False)
    return SEALED + sealer.encrypt(text) if sealer is not None else text


def unseal_json(text: str, sealer: Cipher | None) -> Any | None:
    """The value back; None when it was sealed with another key (as good as gone)."""
    if not text.startswith(SEALED):
        return json.loads(text)
    plain = sealer.decrypt(text.removeprefix(SEALED)) if sealer is not None else None
    return None if plain is None else json.loads(plain)
