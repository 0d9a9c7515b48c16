"""The planning engine's exceptions: one base class, one subclass per kind of failure."""

from __future__ import annotations


class PlanningError(Exception):
    """Base class for every error the planning engine raises."""


class AgreementFormatError(PlanningError):
    """An agreement file does not follow the agreement format; the message names the key."""


class RosterError(PlanningError):
    """A roster cannot be planned (a record id twice on one side, a negative priority)."""


class SolverError(PlanningError):
    """The solver failed in a way that is not infeasibility or a time limit."""
