"""Locks that make concurrent transactions take turns on one thing, without a row to lock."""

import hashlib

from django.db import connection


def transaction_lock(key: str) -> None:
    """Make every other transaction that takes the same key wait until this one ends.

    On PostgreSQL a transaction-level advisory lock keyed by a hash of `key`, so unrelated keys never wait on each
    other. SQLite, the embedded default for one laptop, takes no lock (it writes one transaction at a time).
    """
    if connection.vendor != "postgresql":
        return
    if not connection.in_atomic_block:
        raise RuntimeError("transaction_lock holds only inside a transaction (transaction.atomic)")
    digest = hashlib.blake2b(key.encode(), digest_size=8).digest()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [int.from_bytes(digest, "big", signed=True)])
