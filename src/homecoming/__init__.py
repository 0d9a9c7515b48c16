"""Homecoming: registry, reconciliation, planning and audit for exchanges of prisoners."""

__version__ = "0.1.0"
