"""Canonical JSON: the fast path writes exactly the bytes RFC 8785 (the rfc8785 package) does."""

import pytest
import rfc8785
from hypothesis import given, settings
from hypothesis import strategies as st

from homecoming.engines.ledger import CanonicalJSONError, canonical_json

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**53) + 1, max_value=2**53 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
)
json_values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=5)
        | st.dictionaries(st.text(max_size=8), children, max_size=5)
    ),
    max_leaves=25,
)


@settings(max_examples=400)
@given(json_values)
def test_canonical_bytes_are_those_of_rfc8785_for_any_json_value(value):
    try:
        expected = rfc8785.dumps(value)
    except rfc8785.CanonicalizationError:
        with pytest.raises(CanonicalJSONError):
            canonical_json(value)
        return
    assert canonical_json(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        {"\U0001f600": 1, "\ue000": 2},  # UTF-16 order differs from code point order
        {"a": '\x00\x1f\x7f\u2028\b\t\n\f\r"\\/'},
        {"n": 1.0, "m": 1e21, "k": -0.0},
        {"big": 2**53 - 1, "small": -(2**53) + 1},
        ["ШЕВЧЕНКО", "Олександр"],
    ],
)
def test_awkward_values_match_rfc8785(value):
    assert canonical_json(value) == rfc8785.dumps(value)


def test_values_json_cannot_carry_are_refused():
    for value in ({"x": float("nan")}, {"x": 2**60}, {"x": {1, 2}}, {1: "a"}):
        with pytest.raises(CanonicalJSONError):
            canonical_json(value)
