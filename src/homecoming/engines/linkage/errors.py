"""The linkage engine's exceptions."""

from __future__ import annotations

__all__ = ["LinkageError"]


class LinkageError(Exception):
    """Linkage could not run on the records given (empty lists, a model that cannot train)."""
