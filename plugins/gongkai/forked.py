"""A job shared by forked processes: generated pages render on every core.

The children are forked, so they start with everything the parent had built (configuration,
catalogue, theme environment, pages already converted from Markdown) and nothing is pickled on the
way in; only each job's result travels back, with the warnings and errors it logged, which the
parent logs again (so `--strict` counts them). Fork them before starting threads: a child gets
only the forking thread, and a lock another thread held stays held in the child.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Callable
from multiprocessing.pool import Pool
from typing import Any, Generic, TypeVar

T = TypeVar("T")
SHARE_FROM = 200  # jobs per process below which forking costs more than it saves
LOGGER = "mkdocs"  # MkDocs' messages and its plugins' (mkdocs.plugins.*) pass its handlers

_job: Callable[[int], Any] | None = None  # what the children run: set before they are forked


class Forked(Generic[T]):
    """`job(0)` … `job(count - 1)`: the processes are forked when this is made, the jobs run by `results`."""

    def __init__(self, job: Callable[[int], T], count: int) -> None:
        global _job
        self.job, self.count = job, count
        self.workers = min(os.cpu_count() or 1, count // SHARE_FROM)
        self.pool: Pool | None = None
        if self.workers > 1:
            _job = job
            self.pool = multiprocessing.get_context("fork").Pool(self.workers, initializer=_keep_logs)
            _job = None

    def results(self) -> list[T]:
        """Every job's result, in order; a job's exception is raised here."""
        if self.pool is None:
            return [self.job(i) for i in range(self.count)]
        with self.pool:
            chunk = max(1, self.count // (self.workers * 8))  # small enough to balance the load
            done = self.pool.map(_run, range(self.count), chunksize=chunk)
        for _, records in done:
            for record in records:
                logging.getLogger(record.name).handle(record)
        return [result for result, _ in done]


class _Kept(logging.Handler):
    """In a child: the warnings and errors of the job running, instead of printed."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        record.msg, record.args, record.exc_info, record.exc_text = record.getMessage(), None, None, None
        self.records.append(record)  # now it pickles


_kept = _Kept()


def _keep_logs() -> None:
    logging.getLogger(LOGGER).handlers = [_kept]


def _run(index: int) -> tuple[Any, list[logging.LogRecord]]:
    assert _job is not None
    _kept.records = []
    return _job(index), _kept.records
