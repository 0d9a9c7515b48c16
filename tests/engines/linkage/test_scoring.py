"""The engine's own u estimate agrees with Splink's random sampling."""

from typing import Any

import pytest

from homecoming.engines.linkage import scoring


class _Stop(Exception):
    pass


def _rounded(u: object) -> object:
    return round(u, 12) if isinstance(u, float) else u


def _u_values(linker: Any) -> list[list[object]]:
    return [
        [_rounded(cl._trained_u_probabilities[-1]["probability"]) for cl in levels]
        for levels in (
            c._comparison_levels_excluding_null
            for c in linker._settings_obj.comparisons
        )
    ]


@pytest.mark.parametrize("dedupe", [False, True])
def test_u_in_one_join_equals_splinks_random_sampling(
    generated_lists, monkeypatch, dedupe
):
    # given the generated lists, and the engine's u estimate captured with Splink's
    sought, held, _ = generated_lists
    ours = scoring._estimate_u
    found: dict[str, list[list[object]]] = {}

    def both(linker: Any, con: Any, arrow: Any, *, max_pairs: float, seed: int) -> None:
        ours(linker, con, arrow, max_pairs=max_pairs, seed=seed)
        found["ours"] = _u_values(linker)
        linker.training.estimate_u_using_random_sampling(
            max_pairs=max_pairs, seed=seed, num_chunks=1
        )
        found["splink"] = _u_values(linker)
        raise _Stop

    monkeypatch.setattr(scoring, "_estimate_u", both)
    # when scoring trains its model
    with pytest.raises(_Stop):
        scoring.score_columns(
            sought, None if dedupe else held, min_weight=0.0, threads=1
        )
    # then every comparison level has the same u as Splink's own estimate
    assert found["ours"] == found["splink"]
    assert any(isinstance(u, float) for levels in found["ours"] for u in levels)
