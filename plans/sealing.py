"""Sealing what leaves the process for a store outside the database's rules (Redis): AES-GCM
under a key derived from SECRET_KEY, one key per purpose, a fresh nonce for every value. A value
that does not open (another purpose, another key, changed bytes) reads as nothing."""

from __future__ import annotations

import hashlib
import os
import pickle

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings

NONCE = 12


def _cipher(purpose: bytes) -> AESGCM:
    return AESGCM(
        hashlib.sha256(b"toekomstplan " + purpose + b"\0" + settings.SECRET_KEY.encode()).digest()
    )


def seal(purpose: bytes, plain: bytes) -> bytes:
    nonce = os.urandom(NONCE)
    return nonce + _cipher(purpose).encrypt(nonce, plain, None)


def unseal(purpose: bytes, data: bytes) -> bytes | None:
    try:
        return _cipher(purpose).decrypt(data[:NONCE], data[NONCE:], None)
    except (InvalidTag, ValueError):
        return None


class SealedCacheSerializer:
    """Django's Redis cache serializer for the default cache (sessions, sign-in rate limits,
    counts): pickled and sealed, so a session copied into Redis holds no e-mail address in the
    clear. Whole numbers stay plain, as with Django's own serializer, so Redis can count them
    (`incr`). A value that does not open reads as missing."""

    PURPOSE = b"cache"

    def dumps(self, obj):
        if type(obj) is int:
            return obj
        return seal(self.PURPOSE, pickle.dumps(obj, pickle.HIGHEST_PROTOCOL))

    def loads(self, data):
        try:
            return int(data)
        except ValueError:
            plain = unseal(self.PURPOSE, data)
            return None if plain is None else pickle.loads(plain)  # only what this sealed
