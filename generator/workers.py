"""Work spread over every core, for the stages whose items are independent (files, study pages).

Small batches run in this process: starting workers would cost more than it saves.
Results come back in the order of the items, so output never depends on scheduling.
"""

from __future__ import annotations

import os
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from typing import Callable, Iterable, Iterator, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


@contextmanager
def worker_pool(wanted: bool = True) -> Iterator[Executor | None]:
    """A process per core while the block runs, or None on one core or when not ``wanted``."""
    jobs = os.cpu_count() or 1
    if jobs == 1 or not wanted:
        yield None
        return
    with ProcessPoolExecutor(jobs) as pool:
        yield pool


def start_map(pool: Executor | None, function: Callable[[Item], Result], items: list[Item],
              chunksize: int = 32) -> Iterator[Result]:
    """``map(function, items)``, started at once in ``pool`` (the caller's own work overlaps it), else lazily here."""
    return pool.map(function, items, chunksize=chunksize) if pool else map(function, items)


def parallel_map(function: Callable[[Item], Result], items: list[Item], min_items: int,
                 chunksize: int = 32) -> Iterator[Result]:
    """``map(function, items)``, over every core when there are at least ``min_items`` items."""
    with worker_pool(len(items) >= min_items) as pool:
        yield from start_map(pool, function, items, chunksize)


def chunks(items: list[Item], size: int) -> Iterable[list[Item]]:
    """``items`` in consecutive lists of at most ``size``."""
    return (items[i:i + size] for i in range(0, len(items), size))
