"""Shared API pieces: the error format, pagination, base permissions and schema hooks."""
