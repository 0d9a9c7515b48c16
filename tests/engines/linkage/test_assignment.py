"""At most one link per record on each side, strongest first."""

from homecoming.engines.linkage import ScoredPair, assign_one_to_one


def pair(left: int, right: int, weight: float) -> ScoredPair:
    return ScoredPair(
        left=left, right=right, weight=weight, levels=(), field_weights=()
    )


def test_each_record_keeps_at_most_one_link():
    kept = assign_one_to_one(
        [pair(0, 0, 20), pair(0, 1, 15), pair(1, 0, 14), pair(1, 1, 12), pair(2, 1, 3)]
    )
    lefts = [a.pair.left for a in kept]
    rights = [a.pair.right for a in kept]
    assert len(set(lefts)) == len(lefts)
    assert len(set(rights)) == len(rights)


def test_a_strong_link_is_not_traded_for_two_weaker_ones():
    # the total would be higher with (0,1) and (1,0) = 19 + 19, but (0,0) is surer
    kept = assign_one_to_one([pair(0, 0, 30), pair(0, 1, 19), pair(1, 0, 19)])
    assert [(a.pair.left, a.pair.right) for a in kept] == [(0, 0)]


def test_the_strongest_rival_of_either_record_is_reported():
    kept = assign_one_to_one([pair(0, 0, 20), pair(1, 0, 18), pair(0, 2, 9)])
    first = next(a for a in kept if a.pair.left == 0)
    assert first.competitor == 18
    assert first.competitor_left == 1
    assert first.competitor_right is None


def test_an_unopposed_link_has_no_rival():
    (only,) = assign_one_to_one([pair(3, 4, 12)])
    assert only.competitor is None


def test_the_result_does_not_depend_on_input_order():
    pairs = [pair(0, 0, 10), pair(1, 0, 10), pair(1, 1, 5), pair(0, 1, 5)]
    forward = [(a.pair.left, a.pair.right) for a in assign_one_to_one(pairs)]
    backward = [(a.pair.left, a.pair.right) for a in assign_one_to_one(pairs[::-1])]
    assert forward == backward
