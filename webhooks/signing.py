"""Signatures as Standard Webhooks specifies (https://www.standardwebhooks.com/): the secret is
`whsec_` + base64 of random bytes; each request carries `webhook-id`, `webhook-timestamp`
(Unix seconds) and `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, keyed
with the secret's base64 part. Receivers check it with any Standard Webhooks library."""

import base64
import hashlib
import hmac
import secrets

SECRET_PREFIX = "whsec_"  # noqa: S105 (the format's prefix, not a secret)


def new_secret() -> str:
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


def signed_headers(secret: str, message_id: str, timestamp: int, body: bytes) -> dict:
    key = base64.b64decode(secret.removeprefix(SECRET_PREFIX))
    mac = hmac.new(key, f"{message_id}.{timestamp}.".encode() + body, hashlib.sha256)
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": "v1," + base64.b64encode(mac.digest()).decode(),
    }
