"""Picking from a weighted table quickly (the generator draws millions of times)."""

from __future__ import annotations

import itertools
import random
from bisect import bisect_right
from collections.abc import Sequence
from typing import Generic, TypeVar

__all__ = ["Weighted", "between", "one_of"]

T = TypeVar("T")


class Weighted(Generic[T]):
    """A table of items with weights; :meth:`pick` draws one in O(log n)."""

    __slots__ = ("cumulative", "items", "total")

    def __init__(self, items: Sequence[T], weights: Sequence[float]) -> None:
        if len(items) != len(weights) or not items:
            raise ValueError(
                "a weighted table needs as many weights as items, and items"
            )
        self.items = tuple(items)
        self.cumulative = tuple(itertools.accumulate(weights))
        self.total = self.cumulative[-1]

    def pick(self, rng: random.Random) -> T:
        index = bisect_right(self.cumulative, rng.random() * self.total)
        return self.items[min(index, len(self.items) - 1)]


def one_of(rng: random.Random, items: Sequence[T]) -> T:
    """A uniform pick (one draw of ``rng.random()``; quicker than ``rng.choice``)."""
    return items[int(rng.random() * len(items))]


def between(rng: random.Random, low: int, high: int) -> int:
    """A uniform integer in ``[low, high)``."""
    return low + int(rng.random() * (high - low))
