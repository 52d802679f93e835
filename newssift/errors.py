"""Errors newssift reports to users: one clear line each, never a traceback."""

from __future__ import annotations


class NewssiftError(Exception):
    """Base class: the message is meant for the user, as one line."""


class InputError(NewssiftError):
    """The input cannot be analysed (empty, binary, too large, unreadable)."""


class FetchError(NewssiftError):
    """A URL could not be fetched (network, refused address, status, size)."""
