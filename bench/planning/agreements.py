"""The agreements the planning benchmark runs, built in code from the shipped examples."""

from __future__ import annotations

from dataclasses import replace

from homecoming.engines.planning import (
    Agreement,
    Balance,
    Bounds,
    MandatoryGroup,
    PartyRules,
    Stage,
    Weights,
)

DIX_HILL = {
    "private": 1.0,
    "nco": 2.0,
    "lieutenant": 4.0,
    "captain": 6.0,
    "major": 8.0,
    "lieutenant colonel": 10.0,
    "colonel": 15.0,
    "brigadier general": 20.0,
    "major general": 40.0,
    "general": 60.0,
}

_WEIGHTS_A = PartyRules(
    "A",
    weights=Weights(base=1, priority=1, captivity_years=0.5),
    health_bonus={"wounded": 2},
)
_WEIGHTS_B = PartyRules(
    "B", weights=Weights(base=1, priority=0.5, captivity_years=1, age_years=0.02)
)
_WOUNDED = MandatoryGroup(
    "seriously wounded and sick (GC III Art. 109)",
    health=("seriously wounded", "seriously sick"),
)


def istanbul(total: int = 1000, room: int = 500) -> Agreement:
    """Count for count, ``total`` each way in 3 stages (39/30.7/30.3 %), civilians
    balanced and 12 % of stage 1, the seriously wounded outside the count; each stage
    has ``room`` places more than its count for the wounded."""
    sizes = [round(total * 0.39), round(total * 0.307)]
    sizes.append(total - sum(sizes))
    # physical capacity: the counted persons plus room for the wounded who go regardless
    stages = tuple(
        Stage(
            id=str(i + 1),
            capacity=size + room,
            quotas={"civilian": Bounds(min=round(total * 0.12))} if i == 0 else {},
        )
        for i, size in enumerate(sizes)
    )
    return Agreement(
        title=f"{total} for {total} in three stages",
        stages=stages,
        parties=(_WEIGHTS_A, _WEIGHTS_B),
        balance=Balance(mode="count", per_stage=False, categories=("civilian",)),
        caps=(Bounds(total, total), Bounds(total, total)),
        mandatory=(_WOUNDED,),
    )


def dix_hill(total: int = 1000, room: int = 500) -> Agreement:
    """The same frame with the Dix-Hill equivalence scale, within 2 privates."""
    base = istanbul(total, room)
    return replace(
        base,
        title=f"Dix-Hill scale, at most {total} persons each way",
        balance=Balance(
            mode="scale", tolerance=2, scale=DIX_HILL, categories=("civilian",)
        ),
        caps=(Bounds(max=total), Bounds(max=total)),
    )


AGREEMENTS = {"istanbul": istanbul, "dix-hill": dix_hill}
