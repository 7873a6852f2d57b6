"""The Dask worker plugin that loads the pipeline once per worker process, when the worker
joins the cluster (or replaces one that died), before any partition reaches it. Kept apart
from `engines.dask` so that importing that module does not import dask.distributed."""
from __future__ import annotations

import asyncio
import ctypes
import ctypes.util

from distributed.diagnostics.plugin import WorkerPlugin

from dyadwatch.engines.common import init_worker, warm_up

NAME = "dyadwatch-pipeline"
# glibc returns freed heap above this to the system. Dask's nanny starts workers with
# MALLOC_TRIM_THRESHOLD_=65536, which on a task thread's malloc arena makes the pipeline
# about 15% slower (pages returned and faulted in again, document after document); 16 MiB
# is as fast as the default and still returns the memory of a long document.
TRIM_THRESHOLD = 16 * 1024 * 1024
_M_TRIM_THRESHOLD = -1  # mallopt's parameter number (malloc.h)


def _raise_trim_threshold() -> None:
    name = ctypes.util.find_library("c")
    try:
        ctypes.CDLL(name).mallopt(_M_TRIM_THRESHOLD, TRIM_THRESHOLD)
    except (OSError, AttributeError, TypeError):
        pass  # not glibc: nothing to tune


def load(settings: tuple) -> None:
    _raise_trim_threshold()
    init_worker(*settings)
    warm_up()


class LoadPipeline(WorkerPlugin):
    """Loads and warms the pipeline (model, knowledge, matchers) with the given settings, in a
    thread so that the worker keeps answering the scheduler meanwhile."""

    name = NAME

    def __init__(self, model: str | None, actor_files: tuple[str, ...],
                 min_confidence: float | None):
        self.settings = (model, tuple(actor_files), min_confidence)

    async def setup(self, worker) -> None:
        await asyncio.get_running_loop().run_in_executor(None, load, self.settings)
