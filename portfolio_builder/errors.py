"""Errors that stop a command before it changes anything, importable without the build."""

from __future__ import annotations


class ConfigError(Exception):
    """The configuration cannot be used; the message names the file and the key."""
