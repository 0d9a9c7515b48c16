"""Reading agreements: the shipped examples load; errors name the key path."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from homecoming.engines.planning import (
    AgreementFormatError,
    agreement_from_data,
    load_agreement,
)

EXAMPLES = resources.files("homecoming.engines.planning").joinpath("examples")


def _minimal(**extra: object) -> dict[str, object]:
    data: dict[str, object] = {
        "format": "homecoming-agreement/1",
        "title": "t",
        "stages": [{"id": "1"}],
    }
    data.update(extra)
    return data


@pytest.mark.parametrize(
    "name",
    ["istanbul-1000-for-1000.toml", "all-for-all-wounded.toml", "dix-hill-scale.toml"],
)
def test_shipped_examples_load(name: str) -> None:
    agreement = load_agreement(Path(str(EXAMPLES.joinpath(name))))
    assert agreement.title


def test_istanbul_example_has_three_stages_of_390_307_303() -> None:
    agreement = load_agreement(
        Path(str(EXAMPLES.joinpath("istanbul-1000-for-1000.toml")))
    )
    assert [s.capacity for s in agreement.stages] == [390, 307, 303]
    assert agreement.stages[0].quotas["civilian"].min == 120
    assert agreement.caps[0].max == 1000


def test_dix_hill_example_values_a_colonel_at_15_privates() -> None:
    agreement = load_agreement(Path(str(EXAMPLES.joinpath("dix-hill-scale.toml"))))
    assert agreement.balance.scale["colonel"] == 15
    assert agreement.balance.rank_aliases["полковник"] == "colonel"


def test_error_names_the_key_path_of_a_wrong_value() -> None:
    data = _minimal(balance={"mode": "scale", "tolerance": -1, "scale": {"major": 8}})
    with pytest.raises(AgreementFormatError, match=r"key balance\.tolerance"):
        agreement_from_data(data)


def test_error_names_a_stage_key_by_its_index() -> None:
    data = _minimal(stages=[{"id": "1", "capacity": "many"}])
    with pytest.raises(AgreementFormatError, match=r"key stages\.0\.capacity"):
        agreement_from_data(data)


def test_unknown_key_is_refused() -> None:
    with pytest.raises(AgreementFormatError, match="capacty"):
        agreement_from_data(_minimal(capacty=3))


def test_min_above_max_is_refused_with_its_key() -> None:
    with pytest.raises(AgreementFormatError, match=r"key caps\.a: min 5 > max 3"):
        agreement_from_data(_minimal(caps={"a": {"min": 5, "max": 3}}))


def test_scale_mode_without_a_scale_is_refused() -> None:
    with pytest.raises(AgreementFormatError, match=r"balance\.scale"):
        agreement_from_data(_minimal(balance={"mode": "scale"}))


def test_unknown_gate_is_refused() -> None:
    with pytest.raises(AgreementFormatError, match=r"eligibility\.require\.0"):
        agreement_from_data(_minimal(eligibility={"require": ["fit"]}))


def test_file_error_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(
        'format = "homecoming-agreement/1"\ntitle = "t"\n', encoding="utf-8"
    )
    with pytest.raises(AgreementFormatError, match=r"bad\.toml: key \(top level\)"):
        load_agreement(path)


def test_json_agreement_reads_like_toml(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text(
        '{"format": "homecoming-agreement/1", "title": "j", "stages": [{"id": "x"}]}',
        encoding="utf-8",
    )
    assert load_agreement(path).stages[0].id == "x"


def test_all_for_all_example_sends_the_wounded_and_the_young_only() -> None:
    from homecoming.engines.planning import Roster, plan_exchange
    from tests.engines.planning.builders import person

    agreement = load_agreement(Path(str(EXAMPLES.joinpath("all-for-all-wounded.toml"))))
    held_by_a = (
        person("A-wounded", health="Тяжко поранений", age_years=40),
        person("A-young", age_years=19),
        person("A-other", age_years=40),
    )
    held_by_b = (person("B-sick", health="seriously sick", age_years=50),)
    plan = plan_exchange(agreement, Roster(held_by_a, held_by_b))
    chosen = {d.record_id for d in plan.decisions if d.selected}
    assert chosen == {"A-wounded", "A-young", "B-sick"}
    assert plan.decision("A-other").reason_code == "cap"  # type: ignore[union-attr]
