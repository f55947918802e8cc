"""Work shared by forked processes (content loaded, generated pages converted and rendered, on every
core) and work done in a thread meanwhile.

The children are forked, so they start with everything the parent had built (configuration,
catalogue, theme environment, pages) and nothing is pickled on the way in. Each child owns a fixed
share of the jobs (every n-th) and keeps what a phase leaves in its memory for the next: a page a
child converted from Markdown in the first phase is rendered by the same child in the second. Only
results travel back, with the warnings and errors the jobs logged, which the parent logs again (so
`--strict` counts them); an exception raised in a child is raised again in the parent.

Fork before starting threads: a child gets only the forking thread, and a lock another thread
held stays held in the child. Threads (`in_thread`) do the parent's own work while the children
render: writing the search index, the feeds and exports.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from multiprocessing.connection import Connection
from typing import Any, TypeVar

SHARE_FROM = 200  # jobs per process below which forking costs more than it saves
LOGGER = "mkdocs"  # MkDocs' messages and its plugins' (mkdocs.plugins.*) pass its handlers
Phase = Callable[[int], Any]
T = TypeVar("T")


class Team:
    """Processes forked when this is made, for jobs 0 … count - 1 in each of `phases`."""

    def __init__(self, phases: Sequence[Phase], count: int, workers: int | None = None) -> None:
        """`workers` processes, by default as many as there are cores when the jobs are enough to share
        (none, so that the jobs run in this process, when one would have them all)."""
        self.phases, self.count = phases, count
        if workers is None:
            workers = min(os.cpu_count() or 1, count // SHARE_FROM)
            workers = workers if workers > 1 else 0
        self.pipes: list[Connection] = []
        self.children: list[Any] = []
        context = multiprocessing.get_context("fork")
        for number in range(workers):
            mine, theirs = context.Pipe()
            child = context.Process(target=_serve, args=(theirs, phases, range(number, count, workers)), daemon=True)
            child.start()
            self.pipes.append(mine)
            self.children.append(child)

    def run(self, phase: int) -> list[Any]:
        """Every job's result in `phase`, in order."""
        if not self.pipes:
            return [self.phases[phase](i) for i in range(self.count)]
        self.start(phase)
        return self.results()

    def start(self, phase: int) -> None:
        """The children begin `phase`; `results` waits for them."""
        for pipe in self.pipes:
            pipe.send(phase)

    def results(self) -> list[Any]:
        """Every job's result in the phase started, in order."""
        results: list[Any] = [None] * self.count
        failure = None
        for number, pipe in enumerate(self.pipes):
            done, records, error = pipe.recv()
            for record in records:
                logging.getLogger(record.name).handle(record)
            failure = failure or error
            if not error:
                results[number::len(self.pipes)] = done
        if failure:
            self.close()
            raise failure
        return results

    def close(self) -> None:
        for pipe in self.pipes:
            pipe.send(None)
        for child in self.children:
            child.join()
        self.pipes, self.children = [], []


class _Kept(logging.Handler):
    """In a child: the warnings and errors of the phase running, instead of printed."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        record.msg, record.args, record.exc_info, record.exc_text = record.getMessage(), None, None, None
        self.records.append(record)  # now it pickles


def _serve(pipe: Connection, phases: Sequence[Phase], mine: range) -> None:
    """A child's life: run the phase asked for over its own jobs, send back results, logs and any error."""
    kept = _Kept()
    logging.getLogger(LOGGER).handlers = [kept]
    while (phase := pipe.recv()) is not None:
        kept.records, done, error = [], [], None
        try:
            done = [phases[phase](i) for i in mine]
        except Exception as e:  # raised again in the parent
            error = e if _picklable(e) else RuntimeError(str(e))
        pipe.send((done, kept.records, error))
    pipe.close()


def _picklable(error: Exception) -> bool:
    try:
        pickle.dumps(error)
    except Exception:
        return False
    return True


def in_child(job: Callable[[], T], fork: bool = True) -> Callable[[], T]:
    """`job` started in a forked process while this one goes on (with `fork`; else it runs when its
    result is asked for); the function returned waits for its result. Only when no other thread runs."""
    if not fork:
        return job
    team = Team([lambda _: job()], 1, workers=1)
    team.start(0)

    def result() -> T:
        try:
            done: T = team.results()[0]
        finally:
            team.close()
        return done
    return result


def in_thread(job: Callable[[], T]) -> Future[T]:
    """`job` run in a thread of this process; its future gives its result or raises its error."""
    pool = ThreadPoolExecutor(1, thread_name_prefix="gongkai")
    future = pool.submit(job)
    pool.shutdown(wait=False)
    return future
