"""The one exception the dev server raises to its caller."""

from __future__ import annotations


class ServeError(Exception):
    """The server cannot start (address in use, nothing can be watched...).

    The message is meant for the user as it is; the CLI shows it without a traceback.
    """
