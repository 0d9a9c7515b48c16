"""Exchange planning: agreements as rules, optimal fair proposals with reasons.

Pure Python (no Django). Read an agreement with :func:`load_agreement`, describe both
held lists as a :class:`Roster` of :class:`Person`, and call :func:`plan_exchange`::

    plan = plan_exchange(load_agreement("istanbul.toml"), Roster(held_by_a, held_by_b))
    plan.status, plan.method, plan.proven_optimal, plan.gap
    plan.decision("A-0017").reason      # why this person is in or out
    plan.conflicts                      # for an infeasible agreement: the rules at odds

- agreement: :class:`Agreement`, :func:`load_agreement`, :func:`agreement_from_data`,
  :func:`agreement_schema`
- roster: :class:`Person`, :class:`Roster`
- result: :class:`Plan`, :class:`Decision`, :func:`plan_to_json`
- solver port: :class:`MilpSolver`, :class:`HighsSolver`
- referee: :func:`check_plan` (every rule a plan breaks)
"""

from homecoming.engines.planning.agreement import (
    AGREEMENT_FORMAT,
    GATES,
    Agreement,
    Balance,
    Bounds,
    MandatoryGroup,
    PartyRules,
    Stage,
    Weights,
    agreement_from_data,
    agreement_schema,
    load_agreement,
)
from homecoming.engines.planning.errors import (
    AgreementFormatError,
    PlanningError,
    RosterError,
    SolverError,
)
from homecoming.engines.planning.optimise import plan_exchange
from homecoming.engines.planning.result import (
    FAIRNESS_RULE,
    PLAN_FORMAT,
    Decision,
    PartyOutcome,
    Plan,
    StepReport,
    plan_to_json,
)
from homecoming.engines.planning.roster import Person, Roster, Side
from homecoming.engines.planning.rules import Conflict, Rule, rule_text
from homecoming.engines.planning.solver import (
    HighsSolver,
    IisResult,
    MilpSolver,
    SolveOutcome,
)
from homecoming.engines.planning.validate import check_plan

__all__ = [
    "AGREEMENT_FORMAT",
    "FAIRNESS_RULE",
    "GATES",
    "PLAN_FORMAT",
    "Agreement",
    "AgreementFormatError",
    "Balance",
    "Bounds",
    "Conflict",
    "Decision",
    "HighsSolver",
    "IisResult",
    "MandatoryGroup",
    "MilpSolver",
    "PartyOutcome",
    "PartyRules",
    "Person",
    "Plan",
    "PlanningError",
    "Roster",
    "RosterError",
    "Rule",
    "Side",
    "SolveOutcome",
    "SolverError",
    "Stage",
    "StepReport",
    "Weights",
    "agreement_from_data",
    "agreement_schema",
    "check_plan",
    "load_agreement",
    "plan_exchange",
    "plan_to_json",
    "rule_text",
]
