"""Running many documents: in parallel, in input order, with bounded memory and a time budget.

`run()` turns a stream of input items into a stream of results, one per item and in the same
order: N in, N out, each a Result or a Result with `error`. Work goes to a pool of processes in
batches; no more than a few batches per process are in flight, so memory stays flat however long
the stream. A document that takes longer than the budget becomes an error record.

Given a `render` function (Result -> str), the workers also render each result and send back
only a `Record` (id, error, text): strings pickle far faster than Result objects, so the parent,
which writes the output, stops being the bottleneck.
"""
from __future__ import annotations

import collections
import concurrent.futures as cf
import os
import signal
import traceback
from typing import Callable, Iterable, Iterator, List, NamedTuple, Optional, Tuple, Union

import attrs

from .inputs import Item
from .model import Result

_EXTRACTOR = None
_TIMEOUT: Optional[float] = None
_RENDER: Optional[Callable[[Result], str]] = None


class Record(NamedTuple):
    """A result rendered for output: what the writer and the error report need."""
    id: str
    error: Optional[str]
    text: str


@attrs.frozen
class Settings:
    engine: str = "fast"
    lang: str = "en"
    kb: Optional[str] = None
    timeout: Optional[float] = None  # seconds per document


class Timeout(Exception):
    pass


def _on_alarm(signum, frame):
    raise Timeout()


def _make_extractor(settings: Settings):
    from .pipeline import Extractor
    extractor = Extractor(engine=settings.engine, lang=settings.lang, kb=settings.kb)
    extractor("Warm-up, she said.")  # first call fills caches; it must not eat a document's time budget
    if settings.timeout:
        signal.signal(signal.SIGALRM, _on_alarm)  # ValueError outside the main thread, as it should
    return extractor


def _init(settings: Settings, render: Optional[Callable[[Result], str]] = None) -> None:
    """Worker process set-up: one extractor, one budget and one renderer per process."""
    global _EXTRACTOR, _TIMEOUT, _RENDER
    _EXTRACTOR = _make_extractor(settings)
    _TIMEOUT = settings.timeout
    _RENDER = render


def extract_item(item: Item, extractor, timeout: Optional[float] = None) -> Result:
    """One item to one result; never raises. timeout (seconds) needs the SIGALRM handler
    that `run` installs."""
    if item.error is not None:
        return Result(item.id, error=item.error)
    try:
        if timeout:
            # re-fires every 0.1 s: an alarm that lands in a finaliser is swallowed, the next is not
            signal.setitimer(signal.ITIMER_REAL, timeout, 0.1)
        try:
            result = extractor(item.text, id=item.id)
        finally:
            if timeout:
                signal.setitimer(signal.ITIMER_REAL, 0)
    except Timeout:
        return Result(item.id, error=f"timed out after {timeout:g} s")
    except RecursionError:
        return Result(item.id, error="too deeply nested to process")
    except MemoryError:
        return Result(item.id, error="out of memory")
    except Exception as e:  # a bug must cost one document, not the batch
        where = traceback.extract_tb(e.__traceback__)[-1]
        return Result(item.id, error=f"internal error: {type(e).__name__}: {e} "
                                     f"({os.path.basename(where.filename)}:{where.lineno})")
    if item.warning:
        result = attrs.evolve(result, warnings=result.warnings + (item.warning,))
    return result


def render_result(result: Result, render: Callable[[Result], str]) -> Record:
    """The result as a Record; a renderer bug costs that document only."""
    try:
        return Record(result.id, result.error, render(result))
    except Exception as e:
        error = f"internal error: cannot write the result: {type(e).__name__}: {e}"
        return Record(result.id, error, render(Result(result.id, error=error)))


def _extract_batch(items: List[Item]) -> Union[List[Result], List[Record]]:
    results = [extract_item(i, _EXTRACTOR, _TIMEOUT) for i in items]
    return results if _RENDER is None else [render_result(r, _RENDER) for r in results]


def _batches(items: Iterable[Item], size: int) -> Iterator[List[Item]]:
    batch: List[Item] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def run(items: Iterable[Item], settings: Settings, jobs: int = 1, batch_size: int = 16,
        render: Optional[Callable[[Result], str]] = None) -> Iterator[Union[Result, Record]]:
    """Results for the items, in order. jobs > 1 uses that many worker processes. With `render`
    (picklable, e.g. a module-level function) they come as Records, rendered by the workers."""
    if jobs <= 1:
        extractor = _make_extractor(settings)
        for item in items:
            result = extract_item(item, extractor, settings.timeout)
            yield result if render is None else render_result(result, render)
        return
    window = jobs * 4  # batches in flight: enough to keep every worker busy, few enough to bound memory
    with cf.ProcessPoolExecutor(max_workers=jobs, initializer=_init, initargs=(settings, render)) as pool:
        pending: "collections.deque[Tuple[List[Item], cf.Future]]" = collections.deque()
        for batch in _batches(items, batch_size):
            pending.append((batch, pool.submit(_extract_batch, batch)))
            while len(pending) >= window:
                yield from _collect(*pending.popleft(), render)
        while pending:
            yield from _collect(*pending.popleft(), render)


def _collect(batch: List[Item], future: cf.Future, render=None) -> Union[List[Result], List[Record]]:
    try:
        return future.result()
    except Exception as e:  # a worker died (killed, out of memory): report its documents, go on
        failed = [Result(i.id, error=f"worker failed: {type(e).__name__}: {e}") for i in batch]
        return failed if render is None else [render_result(r, render) for r in failed]


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
