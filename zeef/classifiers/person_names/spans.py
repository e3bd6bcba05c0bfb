"""Which of many spans overlap a given one, by bisection rather than one comparison per
span (that made name finding quadratic on a text with thousands of names)."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from typing import Generic, TypeVar

T = TypeVar("T")


class Spans(Generic[T]):
    """Items with a start and an end (``item.start``, ``item.end``); they may overlap
    each other. `overlapping(start, end)` yields, in order of start, every item with
    ``item.start < end and start < item.end``: the same as a scan of all of them."""

    def __init__(self, items: Iterable[T] = ()) -> None:
        self.items: list[T] = sorted(items, key=lambda m: m.start)
        self.starts = [m.start for m in self.items]
        # The largest end of the items up to each index: where a walk back can stop.
        self.reach: list[int] = []
        for m in self.items:
            self.reach.append(max(m.end, self.reach[-1]) if self.reach else m.end)

    def overlapping(self, start: int, end: int) -> Iterator[T]:
        i = bisect.bisect_left(self.starts, end) - 1
        found = []
        while i >= 0 and self.reach[i] > start:
            m = self.items[i]
            if m.start < end and start < m.end:
                found.append(m)
            i -= 1
        return reversed(found)

    def any_overlapping(self, start: int, end: int) -> bool:
        return next(iter(self.overlapping(start, end)), None) is not None

    def covers(self, pos: int) -> bool:
        """Does an item hold `pos` (``item.start <= pos < item.end``)?"""
        i = bisect.bisect_right(self.starts, pos) - 1
        while i >= 0 and self.reach[i] > pos:
            if self.items[i].start <= pos < self.items[i].end:
                return True
            i -= 1
        return False
