"""The solver port and its one implementation, HiGHS through highspy.

:class:`MilpSolver` is all the optimiser needs: maximise a linear objective over a
:class:`LinearModel` within a time limit, and name an irreducible infeasible subset of
rows and columns when the model has no solution. :class:`HighsSolver` passes the whole
model to HiGHS as one sparse matrix (no per-variable calls).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, Literal, Protocol

import numpy as np
from numpy.typing import NDArray

from homecoming.engines.planning.errors import SolverError
from homecoming.engines.planning.model import LinearModel

__all__ = ["HighsSolver", "IisResult", "MilpSolver", "SolveOutcome"]

SolveStatus = Literal["optimal", "time_limit", "infeasible"]


@dataclass(frozen=True)
class SolveOutcome:
    """One solve: status, best solution found (if any), objective, proven bound, gap."""

    status: SolveStatus
    values: NDArray[np.float64] | None
    objective: float | None
    bound: float | None
    gap: float | None
    seconds: float


@dataclass(frozen=True)
class IisResult:
    """Rows and columns of an irreducible infeasible subset (of the LP relaxation)."""

    rows: tuple[int, ...]
    cols: tuple[int, ...]


class MilpSolver(Protocol):
    """What the optimiser asks of a mixed-integer solver."""

    def maximise(
        self,
        model: LinearModel,
        objective: NDArray[np.float64],
        *,
        time_limit: float | None = None,
        start: NDArray[np.float64] | None = None,
    ) -> SolveOutcome:
        """Maximise ``objective @ x`` over the model."""
        ...

    def infeasible_subset(self, model: LinearModel) -> IisResult | None:
        """An IIS of the model, or None when the solver cannot find one."""
        ...


def _highs(model: LinearModel, objective: NDArray[np.float64] | None) -> Any:
    import highspy

    # The core class, not highspy.Highs: the wrapper prints a licence banner on stdout
    # at its first use, which would corrupt the output of `homecoming plan`; the
    # wrapper adds only callbacks and interrupt handling, unused here.
    highs = highspy._core._Highs()
    highs.setOptionValue("output_flag", False)
    lp = highspy.HighsLp()
    lp.num_col_ = model.num_cols
    lp.num_row_ = len(model.rows)
    lp.col_cost_ = (
        np.asarray(objective, dtype=np.float64)
        if objective is not None
        else np.zeros(model.num_cols)
    )
    lp.col_lower_ = model.col_lower
    lp.col_upper_ = model.col_upper
    inf = highspy.kHighsInf
    lp.row_lower_ = np.array([max(r.lower, -inf) for r in model.rows], dtype=np.float64)
    lp.row_upper_ = np.array([min(r.upper, inf) for r in model.rows], dtype=np.float64)
    lengths = np.array([len(r.index) for r in model.rows], dtype=np.int64)
    matrix = lp.a_matrix_
    matrix.format_ = highspy.MatrixFormat.kRowwise
    matrix.start_ = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int32)
    if model.rows:
        matrix.index_ = np.concatenate([r.index for r in model.rows]).astype(np.int32)
        matrix.value_ = np.concatenate([r.value for r in model.rows])
    else:
        matrix.index_ = np.zeros(0, dtype=np.int32)
        matrix.value_ = np.zeros(0)
    lp.sense_ = highspy.ObjSense.kMaximize
    lp.integrality_ = [
        highspy.HighsVarType.kInteger if flag else highspy.HighsVarType.kContinuous
        for flag in model.integer
    ]
    status = highs.passModel(lp)
    if status == highspy.HighsStatus.kError:
        raise SolverError("HiGHS rejected the model")
    return highs


class HighsSolver:
    """HiGHS (highspy) behind the :class:`MilpSolver` port.

    ``mip_rel_gap`` is the relative gap at which HiGHS declares a solution optimal.
    The default, 1e-5, is tighter than HiGHS's own 1e-4 because lexicographic steps
    fix each level and a loose level leaks into the next step; 1e-6 cost four times the
    CPU time on the Dix-Hill benchmark for the same plan (bench/RESULTS.md).
    """

    def __init__(
        self, *, mip_rel_gap: float = 1e-5, threads: int | None = None
    ) -> None:
        self.mip_rel_gap = mip_rel_gap
        self.threads = threads

    def maximise(
        self,
        model: LinearModel,
        objective: NDArray[np.float64],
        *,
        time_limit: float | None = None,
        start: NDArray[np.float64] | None = None,
    ) -> SolveOutcome:
        import highspy

        began = time.perf_counter()
        highs = _highs(model, objective)
        highs.setOptionValue("mip_rel_gap", self.mip_rel_gap)
        highs.setOptionValue("random_seed", 0)
        if self.threads is not None:
            highs.setOptionValue("threads", self.threads)
        if time_limit is not None:
            highs.setOptionValue("time_limit", max(float(time_limit), 0.01))
        if start is not None:
            solution = highspy.HighsSolution()
            solution.col_value = list(start)
            solution.value_valid = True
            highs.setSolution(solution)
        highs.run()
        seconds = time.perf_counter() - began
        model_status = highs.getModelStatus()
        info = highs.getInfo()
        has_solution = info.primal_solution_status == 2  # kSolutionStatusFeasible
        values = (
            np.array(highs.getSolution().col_value, dtype=np.float64)
            if has_solution
            else None
        )
        objective_value = float(info.objective_function_value) if has_solution else None
        bound = float(info.mip_dual_bound)
        gap = float(info.mip_gap) if has_solution else None
        if model_status == highspy.HighsModelStatus.kOptimal:
            return SolveOutcome("optimal", values, objective_value, bound, gap, seconds)
        if model_status == highspy.HighsModelStatus.kModelEmpty:
            # no columns: HiGHS does not look at the rows, every one must admit 0
            if any(row.lower > 0 or row.upper < 0 for row in model.rows):
                return SolveOutcome("infeasible", None, None, None, None, seconds)
            empty = np.zeros(model.num_cols)
            return SolveOutcome("optimal", empty, 0.0, 0.0, 0.0, seconds)
        if model_status == highspy.HighsModelStatus.kInfeasible:
            return SolveOutcome("infeasible", None, None, None, None, seconds)
        if model_status in (
            highspy.HighsModelStatus.kTimeLimit,
            highspy.HighsModelStatus.kInterrupt,
            highspy.HighsModelStatus.kSolutionLimit,
            highspy.HighsModelStatus.kIterationLimit,
            highspy.HighsModelStatus.kMemoryLimit,
        ):
            return SolveOutcome(
                "time_limit", values, objective_value, bound, gap, seconds
            )
        raise SolverError(f"HiGHS stopped with model status {model_status}")

    def infeasible_subset(self, model: LinearModel) -> IisResult | None:
        import highspy

        highs = _highs(model, None)
        strategy = int(highspy.IisStrategy.kIisStrategyFromLp)
        highs.setOptionValue("iis_strategy", strategy)
        status, iis = highs.getIis()
        if status == highspy.HighsStatus.kError or not iis.valid_:
            return None
        rows = tuple(int(r) for r in iis.row_index_)
        cols = tuple(int(c) for c in iis.col_index_)
        if not rows and not cols:
            return None
        return IisResult(rows=rows, cols=cols)
