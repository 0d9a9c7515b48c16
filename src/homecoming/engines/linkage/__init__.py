"""Record linkage: which records on two lists (or within one) are the same person.

Public names come from here. Splink and DuckDB are imported only when scoring runs,
so that reading dates or building records stays light::

    from homecoming.engines.linkage import link_record, link_lists
    left = [link_record("1", surname="Ковальчук", given_name="Олександр", ...)]
    result = link_lists(left, right)     # LinkageResult with Link(..., decision, reason)
"""

from homecoming.engines.linkage.assignment import Assignment, assign_one_to_one
from homecoming.engines.linkage.blocking import BLOCKING_RULES
from homecoming.engines.linkage.bulk import link_records
from homecoming.engines.linkage.comparisons import (
    COMPARISONS,
    Comparison,
    Level,
    birth_date_relation,
)
from homecoming.engines.linkage.dates import (
    DateFormatError,
    PartialDate,
    parse_partial_date,
)
from homecoming.engines.linkage.errors import LinkageError
from homecoming.engines.linkage.explain import FieldEvidence, describe
from homecoming.engines.linkage.link import (
    DEFAULT_THRESHOLDS,
    Band,
    Link,
    LinkageResult,
    Thresholds,
    dedupe_list,
    link_lists,
)
from homecoming.engines.linkage.normalise import (
    normalise_service_number,
    normalise_unit,
)
from homecoming.engines.linkage.records import LinkRecord, link_record
from homecoming.engines.linkage.scoring import ScoredPair, score_pairs

__all__ = [
    "BLOCKING_RULES",
    "COMPARISONS",
    "DEFAULT_THRESHOLDS",
    "Assignment",
    "Band",
    "Comparison",
    "DateFormatError",
    "FieldEvidence",
    "Level",
    "Link",
    "LinkRecord",
    "LinkageError",
    "LinkageResult",
    "PartialDate",
    "ScoredPair",
    "Thresholds",
    "assign_one_to_one",
    "birth_date_relation",
    "dedupe_list",
    "describe",
    "link_lists",
    "link_record",
    "link_records",
    "normalise_service_number",
    "normalise_unit",
    "parse_partial_date",
    "score_pairs",
]
