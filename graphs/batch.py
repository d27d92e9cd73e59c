"""Batch runs: the agent over a whole portfolio, in parallel, resumable at any moment.

    from autobm.graphs.batch import BatchOptions, run_batch

    if __name__ == "__main__":  # the workers import the main module, as with any multiprocessing
        summary = run_batch("portfolio.csv", "out/", BatchOptions(workers=2))
        summary.counts, summary.rows[0].t1_s

Each building runs through the same agent graph as ``autobm run`` (same options, same
outputs: ``buildings/ID/model.py`` and ``result.json``), in a pool of worker processes that
each hold a warm agent and sandbox (``engine="local"``, workers = cores by default), or as
Ray actors (``engine="ray"``, on a local Ray instance or the cluster at ``address``).

Outputs are written by this process only, as results come back, so workers on other
machines need no shared file system:

- ``buildings/ID/``: model.py, summary.md, result.json (written last, each file atomically;
  ``report.html`` too with ``reports=True``);
- ``journal.jsonl``: one line per finished building, appended and fsynced after its files;
  it is what a restart reads. A building is done when its line is there with the same
  input hash; a half-written last line (a power cut) is cut off; a building killed between
  its files and its line runs again and overwrites its files. So a run killed at any
  moment and started again finishes the rest, and no building is lost or counted twice;
- ``summary.csv``, ``summary.parquet``, ``report.html``: the portfolio, rebuilt from the
  journal at the end (and on Ctrl-C), in input order.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import signal
import threading
import time
import traceback
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field

from autobm.agent import sandbox
from autobm.agent.errors import ConfigError, NeedsInput, SpecError
from autobm.agent.portfolio import (
    BuildingRow,
    PortfolioEntry,
    building_row,
    failed_row,
    read_portfolio,
    summary_csv,
    write_summary_parquet,
)
from autobm.agent.report import run_output_files, write_atomic
from autobm.training.traces import TraceStore

from .api import Agent, AgentOptions

__all__ = ["BatchOptions", "BatchSummary", "run_batch"]

JOURNAL = "journal.jsonl"
POLL_S = 0.25
"""How often the batch looks up from waiting on its workers to see whether Ctrl-C was pressed."""


class BatchOptions(BaseModel):
    """How a portfolio runs; ``autobm batch``'s options, one for one."""

    agent: AgentOptions = Field(default_factory=AgentOptions,
                                description="the agent's options (drafting model, repairs, timeout); no checkpoints "
                                            "(the journal is what resumes), traces go to agent.db or OUT/traces.sqlite")
    workers: int | None = Field(None, ge=1, le=1024, description="parallel buildings (default: CPU cores)")
    engine: Literal["local", "ray"] = Field("local", description="local process pool, or Ray tasks (pip install "
                                                                 "'autobm[ray]')")
    address: str | None = Field(None, description="Ray cluster to join (e.g. 'auto' or ray://head:10001); "
                                                   "None starts a local Ray instance")
    reports: bool = Field(False, description="also write report.html (with pictures) for every building")
    traces: bool = Field(True, description="record every building's run in the trace store")
    limit: int | None = Field(None, ge=1, description="only the first N buildings of the file")
    format: str | None = Field(None, description="csv, jsonl or parquet (default: from the file's extension)")


class BatchSummary(BaseModel):
    rows: list[BuildingRow] = Field(description="every building of the portfolio, in input order")
    ran: int = Field(description="buildings run by this call (the others were done before)")
    seconds: float = Field(description="wall-clock time of this call, s")
    interrupted: bool = False
    outputs: dict[str, str] = Field(default_factory=dict, description="summary.csv, summary.parquet, report.html")

    @property
    def counts(self) -> dict[str, int]:
        return dict(Counter(r.status for r in self.rows))


RowCallback = Callable[[BuildingRow, int, int], None]  # (row, done so far, total)


# --- the journal -------------------------------------------------------------------------


class Journal:
    """Append-only record of finished buildings (JSON lines), safe against a kill at any byte."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.rows: dict[str, BuildingRow] = {}
        self.keys: dict[str, str] = {}
        if path.exists():
            data = path.read_bytes()
            complete = data[: data.rfind(b"\n") + 1]
            if len(complete) != len(data):  # a line cut by a crash: drop it
                with open(path, "r+b") as f:
                    f.truncate(len(complete))
            for line in complete.decode("utf-8", errors="replace").splitlines():
                with contextlib.suppress(ValueError):
                    record = json.loads(line)
                    self.rows[record["key"]] = BuildingRow.model_validate(record["row"])
        path.parent.mkdir(parents=True, exist_ok=True)
        self._file = open(path, "a", encoding="utf-8")  # noqa: SIM115

    def done(self, entry: PortfolioEntry) -> bool:
        """Finished with this content: verified, failed, invalid or asking. An ``error`` (the worker died, the
        machine was at fault, not the building) is run again."""
        row = self.rows.get(entry.key)
        return row is not None and row.input_hash == entry.input_hash and row.status != "error"

    def append(self, entry: PortfolioEntry, row: BuildingRow) -> None:
        self._file.write(json.dumps({"key": entry.key, "row": row.model_dump(mode="json")}, ensure_ascii=False) + "\n")
        self._file.flush()
        os.fsync(self._file.fileno())
        self.rows[entry.key] = row

    def close(self) -> None:
        self._file.close()


# --- one building, in a worker ---------------------------------------------------------


class BuildingWorker:
    """A warm agent in a worker process: a task in, the building's row and files out."""

    def __init__(self, agent_options: dict[str, Any], reports: bool, warm_spares: bool = False) -> None:
        sandbox.warm_spares(warm_spares)  # a worker beside others leaves idle cores to them
        options = AgentOptions.model_validate(agent_options)
        self.agent = Agent(options.model_copy(update={"checkpoint": False}))
        self.reports = reports

    def run(self, entry_data: dict[str, Any]) -> dict[str, Any]:
        entry = PortfolioEntry.model_validate(entry_data)
        thread_id = f"{entry.folder or 'row'}-{uuid.uuid4().hex[:12]}"
        t0 = time.perf_counter()
        files: dict[str, str] = {}
        try:
            result = self.agent.run(entry.text, spec=entry.spec if entry.text is None else None, thread_id=thread_id)
        except NeedsInput as exc:
            row = failed_row(entry, "needs_input", f"the description is incomplete: {exc.question}",
                             time.perf_counter() - t0, thread_id)
        except SpecError as exc:
            row = failed_row(entry, "invalid", str(exc), time.perf_counter() - t0, thread_id)
        except Exception as exc:  # noqa: BLE001  one building's fault must not stop the portfolio
            where = traceback.extract_tb(exc.__traceback__)[-1]
            row = failed_row(entry, "error", f"{type(exc).__name__}: {exc} ({Path(where.filename).name}:{where.lineno})",
                             time.perf_counter() - t0, thread_id)
        else:
            row = building_row(entry, result, time.perf_counter() - t0)
            files = run_output_files(result, html_report=self.reports)
        return {"key": entry.key, "row": row.model_dump(mode="json"), "files": files}

    def close(self) -> None:
        self.agent.close()


_worker: BuildingWorker | None = None


def _init_local_worker(agent_options: dict[str, Any], reports: bool, batch_pid: int, workers: int) -> None:
    global _worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the batch process's to handle
    _exit_with(batch_pid)
    _worker = BuildingWorker(agent_options, reports, warm_spares=workers == 1)


def _run_local(entry_data: dict[str, Any]) -> dict[str, Any]:
    assert _worker is not None, "worker not initialised"
    return _worker.run(entry_data)


def _exit_with(batch_pid: int, every_s: float = 0.25) -> None:
    """End this worker as soon as the batch process is gone (killed with -9 included).

    The workers are children of multiprocessing's fork server, not of the batch process, and
    the fork server waits for them: so each worker watches the batch process itself.
    """

    def alive() -> bool:
        try:
            state = Path(f"/proc/{batch_pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            return _pid_exists(batch_pid)
        return state not in ("Z", "X")

    def watch() -> None:
        while alive():
            time.sleep(every_s)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-batch", daemon=True).start()


def _pid_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# --- engines ---------------------------------------------------------------------------


class LocalEngine:
    """A pool of worker processes forked from a preloaded server, with a bounded queue."""

    def __init__(self, workers: int, agent_options: dict[str, Any], reports: bool) -> None:
        self.workers = workers
        self._args = (agent_options, reports, os.getpid(), workers)
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["autobm.graphs.batch"])
        self._pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_init_local_worker,
                                         initargs=self._args)

    def map_unordered(self, tasks: Iterable[dict[str, Any]], stop: threading.Event) -> Iterator[dict[str, Any]]:
        """Outcomes as they finish, until the tasks are done or ``stop`` is set."""
        queue = iter(tasks)
        running: dict[Future, dict[str, Any]] = {}
        retried: set[str] = set()

        def refill() -> None:
            while len(running) < 2 * self.workers and (task := next(queue, None)) is not None:
                running[self._pool.submit(_run_local, task)] = task

        refill()
        while running and not stop.is_set():
            finished, _ = wait(running, timeout=POLL_S, return_when=FIRST_COMPLETED)
            try:
                outcomes = [future.result() for future in finished]
            except BrokenProcessPool:  # a worker died (scripts die in the sandbox, so: out of memory, a bug)
                lost = list(running.values())
                running.clear()
                self._restart()
                for task in lost:
                    if task["key"] in retried:
                        yield _crashed(task)
                    else:
                        retried.add(task["key"])
                        running[self._pool.submit(_run_local, task)] = task
                continue
            for future in finished:
                running.pop(future)
            yield from outcomes
            refill()

    def _restart(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
        context = multiprocessing.get_context("forkserver")
        self._pool = ProcessPoolExecutor(self.workers, mp_context=context, initializer=_init_local_worker,
                                         initargs=self._args)

    def close(self) -> None:
        processes = list((getattr(self._pool, "_processes", None) or {}).values())
        self._pool.shutdown(wait=False, cancel_futures=True)
        for p in processes:
            with contextlib.suppress(Exception):
                p.kill()
        for p in processes:
            with contextlib.suppress(Exception):
                p.join(timeout=5)


def _crashed(task: dict[str, Any]) -> dict[str, Any]:
    entry = PortfolioEntry.model_validate(task)
    row = failed_row(entry, "error", "the worker process died twice while running this building")
    return {"key": entry.key, "row": row.model_dump(mode="json"), "files": {}}


class RayEngine:
    """The same work as Ray actors, one warm agent each, on a local Ray instance or a cluster."""

    def __init__(self, workers: int | None, address: str | None, agent_options: dict[str, Any], reports: bool) -> None:
        try:
            import ray  # noqa: PLC0415
            from ray.util import ActorPool  # noqa: PLC0415
        except ImportError:
            raise ConfigError("--engine ray needs Ray: pip install 'autobm[ray]'") from None
        self._ray = ray
        self._started = not ray.is_initialized()
        if self._started:
            kwargs: dict[str, Any] = {"address": address, "include_dashboard": False, "log_to_driver": False,
                                      "configure_logging": False}
            if address is None and workers:
                kwargs["num_cpus"] = workers
            ray.init(**kwargs)
        count = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
        actor = ray.remote(num_cpus=1)(BuildingWorker)
        self.actors = [actor.remote(agent_options, reports) for _ in range(count)]
        self._pool = ActorPool(self.actors)

    def map_unordered(self, tasks: Iterable[dict[str, Any]], stop: threading.Event) -> Iterator[dict[str, Any]]:
        for task in tasks:
            self._pool.submit(lambda a, t: a.run.remote(t), task)
        while self._pool.has_next() and not stop.is_set():
            try:
                yield self._pool.get_next_unordered(timeout=POLL_S)
            except TimeoutError:
                continue

    def close(self) -> None:
        for a in self.actors:
            with contextlib.suppress(Exception):
                self._ray.kill(a)
        if self._started:
            self._ray.shutdown()


# --- the batch -------------------------------------------------------------------------


def run_batch(source: str | os.PathLike[str], out_dir: str | os.PathLike[str], options: BatchOptions | None = None,
              *, on_row: RowCallback | None = None, on_start: Callable[[int, int], None] | None = None) -> BatchSummary:
    """Run every building of ``source`` not yet done in ``out_dir``; write the portfolio summary.

    ``on_start(total, already_done)`` is called once the portfolio is read, ``on_row(row,
    done, total)`` after each building finishes. Raises SpecError when the file as a whole
    is unusable; bad rows become failed rows. Ctrl-C stops the workers, writes the summary
    of what is done and re-raises KeyboardInterrupt.
    """
    options = options or BatchOptions()
    t0 = time.perf_counter()
    entries = read_portfolio(source, options.format)
    if options.limit:
        entries = entries[: options.limit]
    out = Path(out_dir)
    (out / "buildings").mkdir(parents=True, exist_ok=True)
    _remove_stale_temporaries(out)
    journal = Journal(out / JOURNAL)
    threading.Thread(target=_import_output_libraries, name="import-output-libraries", daemon=True).start()
    ran = 0
    interrupted = False
    runnable: dict[str, PortfolioEntry] = {}
    agent_options: dict[str, Any] = {}
    stop = threading.Event()
    previous_handler = _stop_on_sigint(stop)
    try:
        todo = [e for e in entries if not journal.done(e)]
        done = len(entries) - len(todo)
        if on_start:
            on_start(len(entries), done)
        for entry in [e for e in todo if e.problem is not None]:  # bad rows: recorded without running
            row = failed_row(entry, "invalid", entry.problem or "")
            journal.append(entry, row)
            done, ran = done + 1, ran + 1
            if on_row:
                on_row(row, done, len(entries))
        runnable = {e.key: e for e in todo if e.problem is None}
        if runnable:
            agent_options = _agent_options(options, out)
            if options.traces:  # a store the workers cannot open would kill each of them: say so before any work
                TraceStore(agent_options["db"]).close()
            workers = options.workers or os.cpu_count() or 1
            engine: LocalEngine | RayEngine = (
                RayEngine(options.workers, options.address, agent_options, options.reports) if options.engine == "ray"
                else LocalEngine(min(workers, len(runnable)), agent_options, options.reports))
            try:
                tasks = (e.model_dump(mode="json") for e in runnable.values())
                for outcome in engine.map_unordered(tasks, stop):
                    entry = runnable[outcome["key"]]
                    row = BuildingRow.model_validate(outcome["row"])
                    _write_building(out / "buildings" / entry.folder, outcome["files"])
                    journal.append(entry, row)
                    done, ran = done + 1, ran + 1
                    if on_row:
                        on_row(row, done, len(entries))
            finally:
                engine.close()
        if stop.is_set() and done < len(entries):
            raise KeyboardInterrupt
    except KeyboardInterrupt:
        interrupted = True
        if options.traces and runnable:
            _mark_interrupted(agent_options["db"], [e.folder for e in runnable.values() if not journal.done(e)])
        raise
    finally:
        _restore_sigint(previous_handler)
        journal.close()
        rows = [journal.rows[e.key] for e in entries if journal.done(e)]
        summary = BatchSummary(rows=rows, ran=ran, seconds=round(time.perf_counter() - t0, 3), interrupted=interrupted)
        summary.outputs = write_portfolio_outputs(summary, out, source=str(source))
    return summary


def _mark_interrupted(db: str, folders: list[str]) -> None:
    """The traces the stopped workers left 'running' (their buildings' thread ids begin with the folder) are marked
    'interrupted': a batch keeps no checkpoints, so running the batch again runs those buildings anew."""
    prefixes = tuple(f"{folder or 'row'}-" for folder in folders)
    if not prefixes:
        return
    with contextlib.suppress(Exception), TraceStore(db) as store:  # the summary matters more than these marks
        for run in store.list_runs(limit=1_000_000, status="running"):
            if run.run_id.startswith(prefixes):
                store.finish_run(run.run_id, status="interrupted",
                                 result={"error": "the batch was stopped before this building finished; running the "
                                                  "batch again runs it anew (batches keep no checkpoints)"})


def _stop_on_sigint(stop: threading.Event) -> Any:
    """Ctrl-C sets ``stop`` (the batch then winds down cleanly); a second one interrupts at once.

    A KeyboardInterrupt raised at an arbitrary point could leave the process pool's locks
    held and hang the shutdown. Only the main thread can set handlers: elsewhere, nothing.
    """
    if threading.current_thread() is not threading.main_thread():
        return None

    def handler(signum: int, frame: Any) -> None:
        stop.set()
        signal.signal(signal.SIGINT, signal.default_int_handler)

    return signal.signal(signal.SIGINT, handler)


def _restore_sigint(previous: Any) -> None:
    if previous is not None:
        signal.signal(signal.SIGINT, previous)


def _agent_options(options: BatchOptions, out: Path) -> dict[str, Any]:
    db = options.agent.db or str(out / "traces.sqlite")
    return options.agent.model_copy(update={"db": db, "checkpoint": False,
                                            "record_traces": options.traces}).model_dump(mode="json") | {
        "model": options.agent.model.model_dump(mode="json") | _secret(options.agent.model)}


def _secret(settings: Any) -> dict[str, Any]:
    """The API key in clear for the workers (model_dump masks SecretStr)."""
    key = getattr(settings, "api_key", None)
    return {"api_key": key.get_secret_value()} if key is not None else {}


def _write_building(folder: Path, files: dict[str, str]) -> None:
    for name, content in files.items():  # result.json comes last
        write_atomic(folder / name, content)


def _remove_stale_temporaries(out: Path) -> None:
    """Temporary files of writes cut short by a kill (write_atomic's ``.NAME.*.tmp``)."""
    for tmp in out.glob("buildings/*/.*.tmp"):
        tmp.unlink(missing_ok=True)
    for tmp in out.glob(".*.tmp"):
        tmp.unlink(missing_ok=True)


def _import_output_libraries() -> None:
    """Import matplotlib and pyarrow while the workers start (about 1.3 s the summary would wait for at the end)."""
    with contextlib.suppress(Exception):
        from autobm.agent.portfolio_report import _pyplot  # noqa: PLC0415

        _pyplot()
        import pyarrow.parquet  # noqa: F401, PLC0415


def write_portfolio_outputs(summary: BatchSummary, out: Path, *, source: str = "") -> dict[str, str]:
    from autobm.agent.portfolio_report import portfolio_html  # noqa: PLC0415

    write_atomic(out / "summary.csv", summary_csv(summary.rows))
    write_summary_parquet(summary.rows, out / "summary.parquet")
    write_atomic(out / "report.html", portfolio_html(summary.rows, source=source, seconds=summary.seconds,
                                                      ran=summary.ran))
    return {name: str(out / name) for name in ("summary.csv", "summary.parquet", "report.html")}
