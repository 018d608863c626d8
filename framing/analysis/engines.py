"""Where the per-document stages run: this process, a pool of processes, or a Dask cluster.

An engine maps a picklable function over a stream of work items (batches of
documents) and yields the results in the order of the items, reading ahead
only a bounded window of items, so memory stays flat however long the stream.
Results do not depend on the engine: each item is processed by the same code
wherever it runs.

- :class:`LocalEngine` with ``workers=1`` runs in this process; with more it
  uses a :class:`~concurrent.futures.ProcessPoolExecutor`.
- :class:`DaskEngine` submits each item to a ``dask.distributed`` cluster,
  given as a scheduler address, a ``Client``, or nothing (a ``LocalCluster``
  of processes on this machine).  Dask is optional: ``pip install
  'framing[dask]'``.

Examples
--------
>>> with make_engine("local", workers=1) as engine:
...     list(engine.map(len, [[1, 2], [3]]))
[2, 1]
"""

from __future__ import annotations

import collections
import os
import signal
import time
from collections.abc import Callable, Iterable, Iterator

from framing.errors import FramingError

ENGINES = ("local", "dask")

#: Documents per Dask task: the overhead of a task (scheduling, sending the
#: documents, gathering three tables) is amortized over at least this many.
DASK_BATCH = 1000

INSTALL_DASK = "pip install 'framing[dask]'  (or: pip install 'dask[distributed]')"


class _Engine:
    """What every engine shares: ``with engine:`` closes what it started."""

    def close(self) -> None:
        """Release what the engine started (nothing by default)."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class LocalEngine(_Engine):
    """Run work items in this process (``workers=1``) or in a pool of processes.

    Parameters
    ----------
    workers : int
        Processes; 1 runs everything in the calling process.
    window : int, optional
        Items in flight at once (default: twice the workers).

    Examples
    --------
    >>> engine = LocalEngine(workers=1)
    >>> list(engine.map(sum, [[1, 2], [3, 4]]))
    [3, 7]
    """

    name = "local"

    def __init__(self, workers: int = 1, *, window: int | None = None):
        if int(workers) < 1:
            raise FramingError(f"workers must be at least 1, got {workers}")
        self.workers = int(workers)
        self.window = window or 2 * self.workers

    @property
    def parallelism(self) -> int:
        """How many items run at once."""
        return self.workers

    def map(self, func: Callable, items: Iterable) -> Iterator:
        """``func(item)`` for each item, in order; ``func`` is sent once to each process."""
        if self.workers == 1:
            yield from map(func, items)
            return
        from concurrent.futures import ProcessPoolExecutor

        pool = ProcessPoolExecutor(max_workers=self.workers, initializer=_init_worker,
                                   initargs=(func, os.getpid()))
        try:
            yield from _windowed((pool.submit(_run_worker, item) for item in items), self.window,
                                 lambda fut: fut.result())
        except BaseException:
            # an error or Ctrl-C here: stop the workers now rather than wait for their batches
            _stop_pool(pool)
            raise
        pool.shutdown(wait=True)

    def __repr__(self) -> str:
        return f"LocalEngine(workers={self.workers})"


class DaskEngine(_Engine):
    """Run work items as tasks on a ``dask.distributed`` cluster.

    Parameters
    ----------
    client : dask.distributed.Client, optional
        A client the caller made (and closes).
    scheduler : str, optional
        Address of a running scheduler (``tcp://host:8786``); used when no
        client is given.
    workers : int
        With neither client nor scheduler: start a ``LocalCluster`` of this
        many single-threaded worker processes (closed by :meth:`close`).
    window : int, optional
        Tasks in flight at once (default: twice the cluster's threads).

    Notes
    -----
    The function is scattered to every worker once; each task then gets one
    item.  A worker keeps the function object between tasks, so resources it
    loads lazily (fitted scorers, a topic model) are loaded once per worker.
    """

    name = "dask"

    def __init__(self, client=None, *, scheduler: str | None = None, workers: int = 1,
                 window: int | None = None):
        distributed = require_dask()
        self._own = []
        if client is None:
            if scheduler:
                client = distributed.Client(scheduler)
            else:
                cluster = distributed.LocalCluster(n_workers=max(1, int(workers)), threads_per_worker=1,
                                                   processes=True, dashboard_address=None)
                self._own.append(cluster)
                client = distributed.Client(cluster)
            self._own.insert(0, client)
        self.client = client
        self._window = window

    @property
    def parallelism(self) -> int:
        """How many items run at once: the cluster's threads."""
        return max(1, sum(self.client.nthreads().values()))

    @property
    def window(self) -> int:
        return self._window or 2 * self.parallelism

    def map(self, func: Callable, items: Iterable) -> Iterator:
        """``func(item)`` for each item on the cluster, yielded in item order."""
        [remote] = self.client.scatter([func], broadcast=True, hash=False)

        def submit(item):
            # scattered first, so a large batch goes straight to a worker, not through the scheduler
            [data] = self.client.scatter([item], hash=False)
            return self.client.submit(_call, remote, data, pure=False)

        def result(fut):
            try:
                return fut.result()
            finally:
                fut.release()

        try:
            yield from _windowed(map(submit, items), self.window, result)
        finally:
            remote.release()

    def close(self) -> None:
        """Close the client and cluster this engine started (not one passed in)."""
        for obj in self._own:
            obj.close()
        self._own = []

    def __repr__(self) -> str:
        return f"DaskEngine({self.client!r})"


def make_engine(engine: str | None = "local", *, workers: int = 1, scheduler: str | None = None, client=None):
    """The engine for a run's options.

    A ``client`` or a ``scheduler`` address implies Dask.

    Parameters
    ----------
    engine : {"local", "dask"} or an engine object
    workers : int
        Local processes, or the size of a Dask ``LocalCluster`` started when
        no scheduler or client is given.
    scheduler : str, optional
        Dask scheduler address.
    client : dask.distributed.Client, optional

    Examples
    --------
    >>> make_engine("local", workers=2)
    LocalEngine(workers=2)
    """
    if engine is not None and not isinstance(engine, str):
        return engine
    if client is not None or scheduler:
        if engine not in (None, "dask"):
            raise FramingError(f"a Dask scheduler or client was given with engine {engine!r}: use engine='dask'")
        engine = "dask"
    engine = engine or "local"
    if engine == "local":
        return LocalEngine(workers)
    if engine == "dask":
        return DaskEngine(client, scheduler=scheduler, workers=workers)
    raise FramingError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")


def require_dask():
    """``dask.distributed``, or an error saying how to install it."""
    try:
        import distributed
    except ImportError as err:
        raise FramingError(f"the Dask engine needs dask.distributed, which is not installed ({err}); "
                           f"install it with: {INSTALL_DASK}") from None
    return distributed


def _windowed(futures: Iterator, window: int, result: Callable) -> Iterator:
    """Results of ``futures`` in order, with at most ``window`` pending at once."""
    pending: collections.deque = collections.deque()
    for fut in futures:
        pending.append(fut)
        if len(pending) >= window:
            yield result(pending.popleft())
    while pending:
        yield result(pending.popleft())


def _call(func, item):
    return func(item)


_WORKER_FUNC: Callable | None = None


def _init_worker(func: Callable, parent: int | None = None) -> None:
    global _WORKER_FUNC
    _WORKER_FUNC = func
    # Ctrl-C reaches every process of the terminal's group: the parent handles it and stops the pool,
    # so the workers ignore it (each would otherwise print a traceback of its own)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_with_parent(parent)


def _exit_with_parent(parent: int | None, interval: float = 1.0) -> None:
    """End this worker process when the parent ``parent`` is gone (killed with -9, say).

    A pool's workers otherwise wait on their task queue for a long time,
    holding their memory.  A watcher thread polls the parent's id (Linux's
    parent-death signal would follow the thread that started the worker,
    not the process, and could end workers of a pool made in a passing thread).
    """
    import threading

    # the process that started this one (the run's process, or a fork server that ends with it)
    parent = os.getppid() if parent is None or os.getppid() != parent else parent

    def watch():
        while os.getppid() == parent:
            time.sleep(interval)
        os._exit(1)

    threading.Thread(target=watch, name="framing-parent-watch", daemon=True).start()


def _stop_pool(pool) -> None:
    """Cancel what has not started and end the worker processes without waiting for their items."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for proc in processes:
        if proc.is_alive():
            proc.terminate()
    for proc in processes:
        proc.join(timeout=5)


def _run_worker(item):
    return _WORKER_FUNC(item)


__all__ = ["DASK_BATCH", "ENGINES", "DaskEngine", "LocalEngine", "make_engine", "require_dask"]
