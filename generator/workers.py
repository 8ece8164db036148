"""Work spread over every core, for the stages whose items are independent (files, study pages).

Small batches run in this process: starting workers would cost more than it saves.
Results come back in the order of the items, so output never depends on scheduling.
"""

from __future__ import annotations

import ctypes
import functools
import itertools
import os
import pickle
import signal
import tempfile
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from typing import Callable, Iterable, Iterator, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


PR_SET_PDEATHSIG = 1
# The signals that end a build (``cli.main``): held back while it forks (``signals_held``).
ENDING = {signal.SIGINT, signal.SIGTERM}


@functools.cache
def libc() -> ctypes.CDLL | None:
    """The C library, for the system calls Python does not wrap (``prctl``, ``renameat2``), or None."""
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None


def die_with(parent: int) -> None:
    """In a process just forked from ``parent``: end when it ends, and leave Ctrl+C and SIGTERM to it.

    On Linux the kernel sends the copy SIGKILL when its parent dies (``PR_SET_PDEATHSIG``), however it
    dies: a killed build leaves no worker behind, holding its output open. The parent may be gone
    already, before the signal was asked for: then the copy ends here."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C reaches the whole group: the build ends its copies
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, ENDING)  # held since the fork (``signals_held``)
    prctl = getattr(libc(), "prctl", None)
    if prctl is not None:
        prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)


def _pending() -> None:
    """Nothing: calling it lets Python run the handler of a signal that came before (a Python function's
    start is where it looks)."""


@contextmanager
def signals_held() -> Iterator[None]:
    """Ctrl+C and SIGTERM held back while the block forks processes, and in the processes forked until they
    are ready for them (``die_with``). Python runs fork hooks (the ``logging`` module's lock), and one
    that a signal's handler interrupted printed 'Exception ignored' and a traceback, the build going on;
    a signal held back is handled once the block is left, where it ends the build as it should."""
    held = signal.pthread_sigmask(signal.SIG_BLOCK, ENDING)
    try:
        _pending()  # one that came just before is handled here, before any fork
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


@contextmanager
def worker_pool(wanted: bool = True) -> Iterator[Executor | None]:
    """A process per core while the block runs, or None on one core or when not ``wanted``. A block left
    by an exception (an interrupted build) kills the workers at once rather than wait for their work."""
    jobs = os.cpu_count() or 1
    if jobs == 1 or not wanted:
        yield None
        return
    pool = ProcessPoolExecutor(jobs, initializer=die_with, initargs=(os.getpid(),))
    try:
        yield pool
    except BaseException:
        for process in list(pool._processes.values()):  # no public way to kill them before Python 3.14
            process.kill()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()


def start_map(pool: Executor | None, function: Callable[[Item], Result], items: list[Item],
              chunksize: int = 32) -> Iterator[Result]:
    """``map(function, items)``, started at once in ``pool`` (the caller's own work overlaps it), else lazily here."""
    if not pool:
        return map(function, items)
    with signals_held():  # the workers are forked as the first items are given to them
        return pool.map(function, items, chunksize=chunksize)


def parallel_map(function: Callable[[Item], Result], items: list[Item], min_items: int,
                 chunksize: int = 32) -> Iterator[Result]:
    """``map(function, items)``, over every core when there are at least ``min_items`` items."""
    with worker_pool(len(items) >= min_items) as pool:
        yield from start_map(pool, function, items, chunksize)


@contextmanager
def forked(function: Callable[[], Result], wanted: bool = True, nice: int = 0) -> Iterator[Callable[[], Result]]:
    """Start ``function()`` in a forked copy of this process; the block gets a call that waits for its result.

    The copy shares this process's memory as it was, so nothing is sent to it, only its result
    back (the index entries of 10,000 studies take 0.3 s to pickle, the index made of them
    0.03 s). The result goes to a temporary file, and the pipe only says it is there: through
    a pipe a copy waits, its result half sent, until the call reads it (0.1 s for the search
    index of 10,000 studies). Its exception, if any, is raised by the call; one still running
    when the block is left is stopped. The copy runs ``nice`` steps nicer, for work that is not
    in the build's way and should yield the cores to work that is. Runs ``function`` in the
    call, here, when not ``wanted``, on one core or where processes cannot be forked (Windows).
    """
    if not wanted or (os.cpu_count() or 1) == 1 or not hasattr(os, "fork"):
        yield function
        return
    read, write = os.pipe()
    parent = os.getpid()
    with tempfile.TemporaryFile() as handle:
        with signals_held():
            pid = os.fork()
            if pid == 0:
                die_with(parent)  # before the signals are let through: the parent's handlers are not its own
        if pid == 0:
            try:
                os.close(read)
                os.nice(nice)
                try:
                    data = pickle.dumps((True, function()), protocol=pickle.HIGHEST_PROTOCOL)
                except BaseException as exc:  # everything goes back to the parent, as far as it pickles
                    try:
                        data = pickle.dumps((False, exc))
                    except Exception:
                        data = pickle.dumps((False, RuntimeError(f"{type(exc).__name__}: {exc}")))
                handle.write(data)
                handle.flush()
                os.write(write, b"!")
            finally:
                os._exit(0)  # none of the parent's cleanup: its build folder, threads and buffers are its own
        os.close(write)

        def result() -> Result:
            try:
                if os.read(read, 1) != b"!":
                    raise EOFError
                handle.seek(0)
                done, value = pickle.load(handle)
            except (EOFError, pickle.UnpicklingError):
                done, value = False, RuntimeError(f"worker process {pid} ended without a result")
            if not done:
                raise value
            return value

        try:
            yield result
        finally:
            os.kill(pid, signal.SIGKILL)  # one still running; one done is a zombie until waited for
            os.close(read)
            os.waitpid(pid, 0)


def chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    """``items`` in consecutive lists of at most ``size``, taken as they come."""
    items = iter(items)
    return iter(lambda: list(itertools.islice(items, size)), [])
