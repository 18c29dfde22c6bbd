"""Stable pseudonymous ids for records shown outside the force, keyed with a force secret.

A pseudonym is HMAC-SHA256 of the record id under the force's key, written as ``C-`` and ten
base-32 characters (50 bits). The same record always gets the same pseudonym under the same
key, so a panel can follow a case from one pack to the next and the force can find the record
again (by computing the pseudonyms of its own ids), while nobody without the key can.

A plain hash would not do: record ids follow a pattern (a suite code, a year and a sequence
number), so anyone could hash every likely id and read the record id back from the pack. The
key is what makes the mapping one-way for everyone outside the force, so the packs refuse to
run without one. Pure: no Django.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Final

ENV: Final = "BRIDEWELL_PSEUDONYM_KEY"
MIN_KEY_LENGTH: Final = 16
"""Bytes (characters of the environment variable or file) a key needs at least."""

WHY_A_KEY: Final = (
    "a pseudonym must be made with the force's secret key: record ids follow a pattern (suite, "
    "year, number), so an unkeyed hash of them could be reversed by anyone who hashes every "
    "likely id and compares. Set "
    + ENV
    + " or give --key-file (at least "
    + str(MIN_KEY_LENGTH)
    + " characters, kept by the force and the same every month so pseudonyms stay stable)."
)


class KeyMissing(Exception):
    """No usable pseudonym key: the message says why one is needed."""


def load_key(key_file: Path | None, environ: Mapping[str, str] = os.environ) -> bytes:
    """The key from ``key_file`` (surrounding whitespace ignored) or else the environment."""
    if key_file is not None:
        try:
            key = key_file.read_bytes().strip()
        except OSError as exc:
            raise KeyMissing(f"cannot read the key file {key_file}: {exc.strerror}") from None
    else:
        key = environ.get(ENV, "").strip().encode()
    if not key:
        raise KeyMissing("no pseudonym key: " + WHY_A_KEY)
    if len(key) < MIN_KEY_LENGTH:
        raise KeyMissing(
            f"the pseudonym key is shorter than {MIN_KEY_LENGTH} characters: " + WHY_A_KEY
        )
    return key


class Pseudonyms:
    """Record id → pseudonym under one key."""

    def __init__(self, key: bytes) -> None:
        if len(key) < MIN_KEY_LENGTH:
            raise KeyMissing(WHY_A_KEY)
        self._key = key

    def __call__(self, record_id: str) -> str:
        digest = hmac.new(self._key, record_id.encode(), hashlib.sha256).digest()
        return "C-" + base64.b32encode(digest).decode()[:10]
