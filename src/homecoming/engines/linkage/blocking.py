"""Which pairs are scored at all: blocking rules that keep recall.

A pair is scored when it agrees on any one rule; a true pair is lost only when it
disagrees on every rule. The rules are chosen so that each kind of error in the
benchmark (a mistyped or mis-transliterated surname, a missing or wrong birth date,
a missing patronymic, an unreadable name) still leaves one rule that holds, while
no rule compares a common value with every other record (each rule pairs at most a
few dozen records per key on 100,000-row lists).
"""

from __future__ import annotations

__all__ = ["BLOCKING_RULES", "DETERMINISTIC_RULES", "TRAINING_RULES"]

# Birth dates that are missing on either side, or share a year, a month or a day
# (in place, or with day and month swapped). A mistyped, swapped or partial date
# keeps one of them; two dates with nothing in common are two people (or a date
# wholly wrong, left to the rules on other fields). The rules that pair namesakes by
# name alone take it as a condition: on the 50k benchmark the pairs scored went from
# 190,043 to 103,170 with the same 38,184 true pairs among them (without the swapped
# parts, 97,362 pairs and 3 true pairs lost; docs/decisions/linkage-speed.md).
_DATES_MAY_AGREE = (
    "(l.dob IS NULL OR r.dob IS NULL OR l.byear = r.byear"
    " OR l.bmonth = r.bmonth OR l.bday = r.bday"
    " OR l.bday = r.bmonth OR l.bmonth = r.bday)"
)

BLOCKING_RULES: tuple[str, ...] = (
    # (surname key with given-name id, and surname key with birth year, are not
    # rules: on the 50k benchmark they made the most candidate pairs, 88,000 and
    # 87,000, and found 0 and 11 of 38,335 true pairs that no other rule found;
    # see docs/decisions/linkage-speed.md)
    # a service number is an identifier in its own right
    "l.sn = r.sn",
    # given name, patronymic and year: the surname mistyped or spelt apart
    "l.gk = r.gk AND l.pk = r.pk AND l.byear = r.byear",
    # full birth date and given name: a romanised row without patronymic
    "l.dob = r.dob AND l.gk = r.gk",
    # patronymic and the first letter and last three of the surname key: a typo
    # in the middle of the surname (the first letters too) and in the given name,
    # or the given name mistyped and the birth date missing (it holds whenever the
    # surname key and patronymic agree, which was a rule of its own)
    "l.pk = r.pk AND substr(l.sk, 1, 1) = substr(r.sk, 1, 1)"
    f" AND right(l.sk, 3) = right(r.sk, 3) AND {_DATES_MAY_AGREE}",
    # full birth date and the first letters of the surname key
    "l.dob = r.dob AND substr(l.sk, 1, 2) = substr(r.sk, 1, 2)",
    # patronymic and the first two letters of the surname key and of the given
    # name's: a surname and a given name both mistyped (a typo seldom hits the
    # first letters) on a row without a birth date
    "l.pk = r.pk AND substr(l.sk, 1, 2) = substr(r.sk, 1, 2)"
    f" AND substr(l.gk, 1, 2) = substr(r.gk, 1, 2) AND {_DATES_MAY_AGREE}",
    # the same two pairs of first letters when a patronymic is missing (romanised
    # rows rarely give one) and so the rule above cannot hold
    "substr(l.sk, 1, 2) = substr(r.sk, 1, 2) AND substr(l.gk, 1, 2) = substr(r.gk, 1, 2)"
    f" AND (l.pk IS NULL OR r.pk IS NULL) AND {_DATES_MAY_AGREE}",
    # surname and given name written in each other's place
    "l.sk = r.gk AND l.gk = r.sk",
    # unit with given name, surname or birth date: names and dates both damaged
    "l.unit = r.unit AND l.gk = r.gk",
    "l.unit = r.unit AND l.sk = r.sk",
    "l.unit = r.unit AND l.dob = r.dob",
)

# Rules for expectation maximisation: each leaves the other fields free to be learnt.
TRAINING_RULES: tuple[str, ...] = (
    "l.sk = r.sk AND l.gk = r.gk",
    "l.dob = r.dob",
)

# Near-certain agreements used only to estimate how many pairs are matches.
DETERMINISTIC_RULES: tuple[str, ...] = (
    "l.sk = r.sk AND l.gk = r.gk AND l.dob = r.dob",
    "l.sn = r.sn AND l.sk = r.sk",
)
