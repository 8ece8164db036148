"""Work spread over every core, for the stages whose items are independent (files, study pages).

Small batches run in this process: starting workers would cost more than it saves.
Results come back in the order of the items, so output never depends on scheduling.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Iterable, Iterator, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


def parallel_map(function: Callable[[Item], Result], items: list[Item], min_items: int,
                 chunksize: int = 32) -> Iterator[Result]:
    """``map(function, items)``, over every core when there are at least ``min_items`` items."""
    jobs = os.cpu_count() or 1
    if jobs == 1 or len(items) < min_items:
        yield from map(function, items)
        return
    with ProcessPoolExecutor(jobs) as pool:
        yield from pool.map(function, items, chunksize=chunksize)


def chunks(items: list[Item], size: int) -> Iterable[list[Item]]:
    """``items`` in consecutive lists of at most ``size``."""
    return (items[i:i + size] for i in range(0, len(items), size))
