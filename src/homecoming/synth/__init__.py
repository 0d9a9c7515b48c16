"""Generated demo scenarios: two parties' held and sought lists with known truth.

Seeded and made up (no real person): realistic Ukrainian and Russian names with
patronymics, in both scripts and in Latin, written the way each side's clerks write
them, with typos, missing fields and swapped dates; ranks, units, service numbers,
places, health, and custody histories. Used by ``homecoming demo``, the tests and the
benchmarks::

    from homecoming.synth import generate_scenario, write_scenario_lists

    scenario = generate_scenario(seed=7, persons_per_side=3000)
    scenario.held["ru"]          # Ukrainians Russia holds, as Russian clerks write them
    scenario.sought["ua"]        # whom Ukraine asks back, in Ukrainian
    scenario.truth[("ua", "UA-S-000001")]   # -> ("ru", "RU-H-000417") when held
    write_scenario_lists(scenario, "var/demo")   # CSV/XLSX lists with official headers
    write_scenario_truth(scenario, "var/demo")   # the known links, as link files

It does not use ``homecoming.engines.names``: benchmarks of that engine run on data
made without it.
"""

from homecoming.synth.files import (
    LIST_HEADERS,
    write_scenario_lists,
    write_scenario_truth,
)
from homecoming.synth.model import Scenario, SynthCustodyEvent, SynthParty, SynthPerson
from homecoming.synth.scenario import PARTIES, generate_scenario

__all__ = [
    "LIST_HEADERS",
    "PARTIES",
    "Scenario",
    "SynthCustodyEvent",
    "SynthParty",
    "SynthPerson",
    "generate_scenario",
    "write_scenario_lists",
    "write_scenario_truth",
]
