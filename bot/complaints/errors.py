"""The one error the complaint service raises for a request it refuses."""

from __future__ import annotations


class ComplaintError(ValueError):
    """A request that cannot be done; the message is safe to show to staff."""
