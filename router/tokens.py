"""Status tokens: random, shown once, stored as a hash; sealed while a receipt waits in the outbox."""
from __future__ import annotations

import base64
import hashlib
import secrets

from cryptography.fernet import Fernet, InvalidToken

TOKEN_BYTES = 32  # 256 random bits; the issue asks for at least 128


def new_status_token() -> str:
    """Return a fresh URL-safe status token."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_digest(token: str) -> str:
    """Hash a status or API token for storage and look-up."""
    return hashlib.sha256(token.encode()).hexdigest()


def _fernet(secret_key: str) -> Fernet:
    # A key of its own, derived from the app's secret, so the seal says nothing about session signing.
    digest = hashlib.sha256(b"vejviser-outbox-seal:" + secret_key.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def seal(token: str, secret_key: str) -> str:
    """Encrypt a token for the outbox, so the database never holds it in the clear."""
    return _fernet(secret_key).encrypt(token.encode()).decode()


def unseal(sealed: str, secret_key: str) -> str | None:
    """Decrypt a sealed token; None when the secret key has changed since."""
    try:
        return _fernet(secret_key).decrypt(sealed.encode()).decode()
    except InvalidToken:
        return None
