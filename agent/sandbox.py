"""Run untrusted OpenSeesPy scripts (drafted by language models) in a confined process.

Each job is its own process, forked from a warm zygote: an interpreter of its own, started
on first use with a minimal environment, that has OpenSeesPy and NumPy loaded and does
nothing but fork one job per request and report its exit. While it waits for a request it
forks one process ahead, which then takes the next job, so that the fork is off the job's
path (a trivial job costs about 8 ms serially, 6 ms at two at a time on two cores, not a
new interpreter). Where a core is idle when it is forked (jobs one at a time), that process
first warms itself (``_warm``): it builds, analyses (with LAPACK, not ARPACK, whose seed carries
from call to call) and wipes a small model of autobm's and runs the last job's hook on it, if
the hook is autobm's, so that its job finds the pages it touches already copied (about 2 ms of a
building's run; ``ExecutionResult.warm_start``; ``warm_spares(False)`` turns it off). Only autobm's
trusted code runs there: a job never runs where another job ran. The caller never raises for
anything the script does: crashes, exits, timeouts and exhausted limits come back as an
``ExecutionResult`` (an exit() that OpenSees calls from C++ on some errors as ``OpenSeesExit``,
with what OpenSees printed and the script's line).

What a job is confined by (``ExecutionResult.isolation`` names what was applied):

- its own session and process group, killed as a whole after ``timeout_s`` of wall clock,
  and as soon as it has sent its result: the caller does not wait the 3-4 ms the kernel takes
  to tear down a finished job's memory (its exit status is then the one the job announced);
- resource limits: CPU seconds (SIGXCPU, reported as ``CPUTimeExceeded``), address space
  (``MemoryError``), size of any file it writes (SIGXFSZ ignored, so the write fails with
  EFBIG), open files, no core dumps (OpenBLAS runs one thread and glibc keeps two malloc
  arenas, so that threads do not eat the address space);
- a fresh working directory (also HOME and TMPDIR), removed afterwards; stdout and stderr
  captured at the file-descriptor level, so OpenSees' C++ messages are kept too, and read
  back bounded (head and tail);
- an environment of PATH, HOME, TMPDIR and LANG only: ``os.environ``, the C ``environ`` and
  the block behind ``/proc/self/environ`` are cleared; ``sys.argv`` is replaced (the
  zygote itself never had the caller's environment: it starts with PATH, the locale,
  PYTHONPATH and a few loader variables);
- no capabilities (all dropped, bounding set included) and ``PR_SET_NO_NEW_PRIVS``, set once in
  the zygote and inherited by every job (which cannot undo them);
- Landlock (``_landlock``): reads only the Python installation, ``/usr``, a few files of
  ``/etc``, ``/dev/{null,zero,random,urandom}``, the CPU list in ``/sys``, the autobm.agent
  package and the folder of the ``after`` hook's module; writes only its working directory;
  executes nothing; no ``/proc`` at all (no other process's environment, memory or command
  line); with ABI >= 4 no TCP bind or connect; with ABI >= 6 no signals to, and no abstract
  UNIX sockets of, processes outside the job;
- a seccomp filter: fork, vfork and clone without CLONE_THREAD fail (EPERM; clone3 gives
  ENOSYS so that glibc falls back to clone), so no new processes, while threads work; no
  execve/execveat; ``socket()`` fails for every family (no network at all, UNIX sockets
  included); no ptrace,
  process_vm_readv/writev, pidfd_*, io_uring, unshare, setns, keyrings, bpf, perf events or
  userfaultfd; kill/tgkill/sigqueue only to the job itself; i386 system calls (int 0x80)
  kill the process, x32 ones fail;
- Python's ways to start a process (``os.system``, ``os.popen``, ``os.fork``, the ``exec*``
  and ``spawn*`` families, ``posix_spawn``, ``subprocess``) raise ``PermissionError("the
  sandbox allows no new processes")`` before the system call is made: the seccomp filter
  refuses it anyway, but ``os.system`` would report the refusal as an exit status (32512)
  and let the script go on as if it had run a command.

On request (``count_calls``), the job also counts the OpenSeesPy calls the script made: each
named function of ``openseespy.opensees`` is wrapped, for the script only, by one that adds 1
to a counter when the call returns; the counters live in a small file of the job's folder
(outside its working directory) mapped into the job, so that they come back whatever the
end: a crash, a timeout or a kill included (``ExecutionResult.opensees_calls``).

What it does not isolate:

- The job shares the kernel with the host; a kernel bug is a way out. There are no
  namespaces: the job runs as the caller's user (uid 0 stays uid 0, without capabilities)
  and sees host pid numbers, the hostname and the time.
- CPU time, memory bandwidth, page cache and disk are shared. Memory is bounded by virtual
  address space, not by a cgroup; the working directory is bounded per file, not in total.
- Files under the granted folders can be read (read-only) as the caller's user could.
- The first job starts the zygote (about 1 s); later jobs are forks of it, so nothing a job
  does (or leaks, like OpenSees' memory per eigen call) outlives the job. When the caller
  exits or dies, the zygote kills the jobs still running, removes their folders (a caller
  killed outright cannot) and exits; its log is an unlinked file, so nothing is left in the
  temporary folder however the caller ends; a zygote that died is replaced by the next job.
- A script can forge its own result (it runs in the process that reports it, and holds the
  mapping of its call counters) but no one else's. The isolation report is sent before the
  script runs, so it cannot be forged. The parent never unpickles what a job sends: the
  report is JSON, ``facts`` are validated into the pydantic model the hook returned.
- Where the kernel has no Landlock (before 5.13) or the machine is neither x86_64 nor
  aarch64 (no seccomp filter), those layers are missing; ``isolation`` says so.
- The ``after`` hook and its argument travel to the zygote pickled (the zygote trusts its
  caller, never the job); the hook must live in an importable module, not ``__main__``.
"""

from __future__ import annotations

import atexit
import builtins
import collections
import contextlib
import ctypes
import dataclasses
import errno
import faulthandler
import functools
import gc
import json
import linecache
import math
import mmap
import os
import pickle
import platform
import re
import resource
import select
import shutil
import signal
import site
import socket
import stat
import struct
import subprocess
import sys
import sysconfig
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, NoReturn

import pydantic_core
from pydantic import BaseModel, Field, ValidationError, model_validator

from . import _landlock, blas
from .opensees import load_opensees

__all__ = ["ExecutionResult", "SandboxLimits", "run_many", "run_untrusted"]


class SandboxLimits(BaseModel):
    """Limits of one sandboxed job."""

    timeout_s: float = Field(10.0, gt=0, description="wall-clock time after which the job is killed, s")
    cpu_s: int = Field(10, gt=0, description="CPU time (RLIMIT_CPU): SIGXCPU at this, SIGKILL 1 s later, s; "
                       "when not given, the wall-clock limit rounded up, at least 10 s")
    memory_mb: int = Field(1024, ge=256, description="address space of the job (RLIMIT_AS), MiB; "
                           "the forked interpreter with OpenSees and NumPy already maps about 250 MiB")
    file_size_mb: int = Field(16, gt=0, description="largest file the job may write (RLIMIT_FSIZE), "
                              "captured stdout and stderr included, MiB")
    max_output_bytes: int = Field(200_000, gt=0, description="stdout and stderr are each kept up to this "
                                  "many bytes (head and tail), bytes")
    max_open_files: int = Field(256, ge=16, description="open file descriptors (RLIMIT_NOFILE), files")
    inspect_after_timeout_s: float = Field(
        5.0, ge=0, description="a job with an after hook that reaches timeout_s is stopped (an exception raised in "
        "the script) and given this long more to run the hook on the model it built, with as many CPU seconds more; "
        "killed if it is not done by then (a single OpenSees call that outlasts it cannot be stopped). 0: killed "
        "at timeout_s, no facts, s")

    @model_validator(mode="after")
    def _cpu_follows_the_clock(self) -> SandboxLimits:
        """A longer wall-clock limit raises the CPU limit with it, unless cpu_s was set itself (a job
        that may run 120 s must not be stopped by a 10 s CPU limit)."""
        if "cpu_s" not in self.model_fields_set:
            self.cpu_s = max(10, math.ceil(self.timeout_s))
        return self


class ExecutionResult(BaseModel):
    """What came of running one untrusted script: failures are data, never exceptions."""

    ok: bool = Field(description="the script ran to its end (or sys.exit(0)) without an exception")
    error_type: str | None = Field(None, description="exception class name, or one of Timeout, "
                                   "CPUTimeExceeded, FileSizeExceeded, Crash, Killed, SystemExit, SandboxError")
    error_message: str | None = Field(None, description="for OpenSeesError the message OpenSees wrote to stderr")
    error_line: int | None = Field(None, description="1-based line of the failing statement in the script")
    error_line_text: str | None = Field(None, description="text of that line, stripped")
    stdout: str = Field("", description="captured stdout (head and tail when truncated)")
    stderr: str = Field("", description="captured stderr, OpenSees' C-level messages included")
    duration_s: float = Field(0.0, description="wall-clock time of the job as seen by the caller, s")
    timed_out: bool = Field(False, description="stopped or killed at limits.timeout_s (facts, if any, are of the "
                            "model built by then)")
    memory_exceeded: bool = Field(False, description="ran out of address space (MemoryError or std::bad_alloc)")
    cpu_time_exceeded: bool = Field(False, description="killed by SIGXCPU after limits.cpu_s")
    output_truncated: bool = Field(False, description="stdout or stderr was longer than limits.max_output_bytes")
    exit_code: int | None = Field(None, description="exit status of the job process when it ended without a signal")
    exit_signal: int | None = Field(None, description="number of the signal that ended the job process")
    facts: Any | None = Field(None, description="return value of the after hook, or None")
    after_error: str | None = Field(None, description="'Type: message' when the after hook raised")
    isolation: list[str] = Field(default_factory=list, description="confinement layers applied to the job")
    warm_start: bool = Field(False, description="the job's process had warmed itself on an idle core before the job "
                             "came (a small model of autobm's built, analysed and wiped): see warm_spares()")
    opensees_calls: dict[str, int] | None = Field(
        None, description="for each OpenSeesPy function named in count_calls, how many calls of the script returned "
                          "(a call that raised, or was still running at a timeout or crash, is not counted); None "
                          "when nothing was asked")


# --------------------------------------------------------------------------- caller side

_RESULT_MAX_BYTES = 64 << 20  # a job's report larger than this is refused
_KILL_WAIT_S = 5.0  # time for the zygote to reap a killed job
_DUMP_WAIT_S = 0.1  # time given to faulthandler to write where a timed-out job was
_CRASH_SIGNALS = {signal.SIGSEGV, signal.SIGBUS, signal.SIGILL, signal.SIGFPE, signal.SIGABRT, signal.SIGSYS}
_ETC_FILES = ("/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/localtime", "/etc/timezone",
              "/etc/passwd", "/etc/group", "/etc/nsswitch.conf", "/etc/os-release", "/etc/mime.types")
_DEVICE_FILES = ("/dev/urandom", "/dev/random", "/dev/zero")

_PID_WAIT_S = 60.0  # time for the zygote to fork a job (its first start loads OpenSees: about 1 s)
# What the zygote keeps of the caller's environment (nothing secret; the job keeps less still).
_ZYGOTE_ENV = ("PATH", "LANG", "LC_ALL", "LC_CTYPE", "LD_LIBRARY_PATH", "PYTHONHOME", "AUTOBM_WARM_SPARES")


@dataclasses.dataclass(frozen=True)
class _Job:
    code: str
    script_name: str
    limits: SandboxLimits
    after: Callable[[Any], Any] | None
    after_arg: Any
    workdir: str
    stdout_path: str
    stderr_path: str
    read_paths: tuple[str, ...]
    count_calls: tuple[str, ...] = ()
    calls_path: str | None = None  # the counters of count_calls, 8 bytes each, outside the working directory
    warm_spares: bool = True  # the caller's warm_spares(): whether spares forked after this job warm themselves


_JOB_FOLDER_PREFIX = "autobm-sandbox-"

_warm_spares = True


def warm_spares(on: bool) -> None:
    """Whether the process forked ahead of the next job warms itself on an idle core (on by default): a job in this
    process then runs 2 ms sooner (``_warm``). A process that is one of several running jobs side by side on the
    same cores, as a batch's workers are, turns it off: the warm-up would take their CPU."""
    global _warm_spares
    _warm_spares = bool(on)


def run_untrusted(code: str, *, limits: SandboxLimits | None = None,
                  after: Callable[[Any], Any] | None = None, after_arg: Any = None,
                  script_name: str = "model.py", count_calls: Sequence[str] = ()) -> ExecutionResult:
    """Run ``code`` in a confined child process and describe what happened.

    ``after``, a module-level function, is called as ``after(after_arg)`` in the same child
    once the script has finished, failed or not (unless the process died), to read the
    OpenSees domain the script built; its return value comes back as ``facts``.
    ``count_calls`` names OpenSeesPy functions whose calls by the script are counted
    (``opensees_calls``); the after hook's own calls are not.
    """
    limits = limits or SandboxLimits()
    qualname = getattr(after, "__qualname__", "")
    if after is not None and ("<locals>" in qualname or "<lambda>" in qualname
                              or getattr(after, "__module__", "__main__") in (None, "__main__")):
        raise TypeError("after must be a module-level function of an importable module (not __main__), "
                        f"so that the job can import it by name; got {getattr(after, '__module__', None)}.{qualname}")
    job_dir = tempfile.mkdtemp(prefix=_JOB_FOLDER_PREFIX)
    try:
        workdir = os.path.join(job_dir, "work")
        os.mkdir(workdir, 0o700)
        names = tuple(dict.fromkeys(count_calls))
        calls_path = os.path.join(job_dir, "calls") if names else None
        if calls_path is not None:
            with open(calls_path, "wb") as stream:
                stream.write(bytes(8 * len(names)))
        job = _Job(code=code, script_name=script_name, limits=limits, after=after, after_arg=after_arg,
                   workdir=workdir, stdout_path=os.path.join(job_dir, "stdout"),
                   stderr_path=os.path.join(job_dir, "stderr"), read_paths=_read_paths(after),
                   count_calls=names, calls_path=calls_path, warm_spares=_warm_spares)
        result = _run_job(job)
        if calls_path is not None:
            result = result.model_copy(update={"opensees_calls": _read_call_counts(calls_path, names)})
        return result
    finally:
        _remove_tree(job_dir)


def run_many(codes: Sequence[str], *, limits: SandboxLimits | None = None,
             after: Callable[[Any], Any] | None = None, after_args: Sequence[Any] | None = None,
             workers: int | None = None, count_calls: Sequence[str] = ()) -> list[ExecutionResult]:
    """Run several scripts concurrently (``workers`` at a time, default: CPU count); order preserved."""
    codes = list(codes)
    args = [None] * len(codes) if after_args is None else list(after_args)
    if len(args) != len(codes):
        raise ValueError(f"after_args has {len(args)} items but codes has {len(codes)}: give one per script")
    if workers is not None and workers < 1:
        raise ValueError(f"workers must be at least 1, got {workers}")
    started: set[int] = set()  # the jobs of this call, by pid, while they run

    def run_one(code: str, arg: Any) -> ExecutionResult:
        _batch.started = started
        return run_untrusted(code, limits=limits, after=after, after_arg=arg, count_calls=count_calls)

    with ThreadPoolExecutor(max_workers=max(1, min(workers or os.cpu_count() or 1, len(codes)))) as pool:
        futures = [pool.submit(run_one, code, arg) for code, arg in zip(codes, args)]
        try:
            return [future.result() for future in futures]
        except BaseException:  # Ctrl-C in the caller: the pool's threads wait on their jobs, so end those now
            for future in futures:
                future.cancel()
            for pid in list(started):
                _kill_group(pid, reaped=False)
            raise


_batch = threading.local()
"""In a thread of ``run_many``: ``started``, the set its jobs' pids go in while they run."""


def _read_call_counts(path: str, names: tuple[str, ...]) -> dict[str, int]:
    """The job's call counters (zero where the job never started counting)."""
    try:
        with open(path, "rb") as stream:
            data = stream.read(8 * len(names))
    except OSError:
        data = b""
    counts = struct.unpack(f"={len(names)}q", data) if len(data) == 8 * len(names) else (0,) * len(names)
    return {name: max(0, count) for name, count in zip(names, counts)}


def _read_paths(after: Callable[[Any], Any] | None) -> tuple[str, ...]:
    return _base_read_paths() + ((_module_folder(after),) if after is not None else ())


def _module_folder(function: Callable[[Any], Any]) -> str:
    module = sys.modules.get(getattr(function, "__module__", "") or "")
    module_file = getattr(module, "__file__", None)
    return os.path.dirname(os.path.abspath(module_file)) if module_file else "/nonexistent"


_base_paths_cache: tuple[str, ...] | None = None


def _base_read_paths() -> tuple[str, ...]:
    global _base_paths_cache
    if _base_paths_cache is None:
        paths = [sys.prefix, sys.base_prefix, sys.exec_prefix, *site.getsitepackages(),
                 *(sysconfig.get_path(name) for name in ("stdlib", "platstdlib", "purelib", "platlib")),
                 "/usr", "/lib", "/lib64", *_ETC_FILES, *_DEVICE_FILES, "/sys/devices/system/cpu",
                 os.path.dirname(os.path.abspath(__file__))]
        if site.ENABLE_USER_SITE:
            paths.append(site.getusersitepackages())
        _base_paths_cache = tuple(dict.fromkeys(p for p in paths if p and os.path.exists(p)))
    return _base_paths_cache


def _run_job(job: _Job) -> ExecutionResult:
    limits = job.limits
    for attempt in range(2):
        result_fd, status = _zygote.spawn(job)
        pid = status.read_pid()
        if pid is not None or status.error is not None or attempt or not _zygote.died():
            break
        os.close(result_fd)  # the request went to a zygote that was dying: once more, to a new one
        status.close()
    registry = getattr(_batch, "started", None)
    if registry is not None and pid is not None:
        registry.add(pid)
    try:
        started = time.monotonic()
        if pid is None:
            return ExecutionResult(ok=False, error_type="SandboxError",
                                   error_message=f"the sandbox's zygote process could not start the job: "
                                                 f"{status.error or _zygote.log_tail()}")
        deadline = started + limits.timeout_s
        try:
            data, end = _collect(result_fd, status, deadline)
            if end == "deadline" and _stoppable(job):  # the job stops the script and inspects the model it built
                _signal(pid, _STOP_SIGNAL)
                deadline += limits.inspect_after_timeout_s
                data, end = _collect(result_fd, status, deadline, data)
            setup, outcome = _parse_messages(data)
            if end == "reports" and (outcome is None or setup is None):  # garbage lines: judged by the exit
                end = "exited" if status.wait(deadline - time.monotonic()) else "deadline"
        except BaseException:  # e.g. KeyboardInterrupt in the caller: do not leave the job running
            _kill_group(pid, reaped=False)
            raise
        if end == "deadline":
            _signal(pid, signal.SIGUSR1)  # faulthandler in the job writes where it is
            _wait_readable(status.fd, _DUMP_WAIT_S)
        if end == "reports" and not status.wait(0):
            # The job said all it had to say and has only os._exit left: end it now rather than wait
            # the milliseconds the kernel takes to tear down its memory; its exit status is the one
            # it announced (a script can forge its own result anyway, never another's).
            _kill_group(pid, reaped=False)
            assert outcome is not None  # "reports" with no outcome became "exited" or "deadline" above
            exit_status = outcome.exit_code
        else:
            if end != "exited" or setup is None or "seccomp" not in setup.isolation:  # else it cannot have left children
                _kill_group(pid, reaped=end in ("exited", "reports"))
            exit_status = status.read_exit(_KILL_WAIT_S)
    finally:
        if registry is not None:
            registry.discard(pid)
        os.close(result_fd)
        status.close()
    duration_s = time.monotonic() - started

    stdout, stdout_cut = _read_bounded(job.stdout_path, limits.max_output_bytes)
    stderr, stderr_cut = _read_bounded(job.stderr_path, limits.max_output_bytes)
    signal_number = -exit_status if exit_status is not None and exit_status < 0 else None
    result = ExecutionResult(
        ok=False, stdout=stdout, stderr=stderr, duration_s=duration_s, output_truncated=stdout_cut or stderr_cut,
        exit_code=exit_status if signal_number is None else None, exit_signal=signal_number,
        isolation=setup.isolation if setup else [], warm_start=setup.warm_start if setup else False)
    if outcome is not None and setup is not None and setup.setup_error is None:
        facts, facts_error = _decode_facts(outcome.facts)
        result = result.model_copy(update={
            **outcome.model_dump(exclude={"facts", "after_error", "exit_code"}),
            "facts": facts, "after_error": outcome.after_error or facts_error})
    else:
        result = result.model_copy(update=_describe_death(
            job, setup, stderr, timed_out=end == "deadline", oversized=end == "oversized",
            signal_number=signal_number, exit_status=exit_status))
    return result


def _collect(fd: int, status: _JobStatus, deadline: float, data: bytes = b"") -> tuple[bytes, str]:
    """Read the job's two reports until they are complete, it exits or the deadline passes.

    Returns the data and how reading ended: "reports" (both lines read: the job has only its
    exit left), "exited" (the zygote reported the job's exit), "deadline" or "oversized".
    Reads only what is there (never a blocking read of a length the job announced), so a job
    that writes half a message and sleeps is still killed at the deadline. ``data``: what an
    earlier call read (which ended at its deadline).
    """
    data = bytearray(data)
    newlines = data.count(b"\n")
    closed = False
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return bytes(data), "deadline"
        if not (status.wait(remaining) if closed else _wait_readable(fd, remaining)):
            continue
        if closed:  # the job closed its end (it is exiting) before both reports: wait for the exit itself
            return bytes(data), "exited"
        chunk = os.read(fd, 1 << 16)
        if len(data) + len(chunk) > _RESULT_MAX_BYTES:
            return bytes(data), "oversized"
        data += chunk
        newlines += chunk.count(b"\n")
        if newlines >= 2:
            return bytes(data), "reports"
        closed = not chunk


def _wait_readable(fd: int, timeout_s: float) -> bool:
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    return bool(poller.poll(max(0, int(timeout_s * 1000) + 1)))


_STOP_SIGNAL = signal.SIGUSR2  # from the caller at the wall-clock limit: the job raises _WallClockLimit in the script


def _stoppable(job: _Job) -> bool:
    """Whether the job is stopped at its wall-clock limit and inspected, rather than killed."""
    return job.after is not None and job.limits.inspect_after_timeout_s > 0


def _signal(pid: int | None, signum: int) -> None:
    if pid is None:
        return
    try:
        os.kill(pid, signum)
    except (ProcessLookupError, PermissionError):
        pass


def _kill_group(pid: int, *, reaped: bool) -> None:
    """SIGKILL the job's process group (the job made itself a session leader), then the job.

    Once the zygote has reaped the job its pid may be reused, but not while a process of its
    group is left: the group is still killed, the pid itself no longer.
    """
    for kill in (os.killpg,) if reaped else (os.killpg, os.kill):
        try:
            kill(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


class _JobStatus:
    """The zygote's reports on one job: its pid when forked, its exit status when reaped."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.buffer = b""
        self.error: str | None = None

    def read_pid(self) -> int | None:
        line = self._line(_PID_WAIT_S)
        if line is not None and line.startswith("error "):
            self.error = line[len("error "):]
            return None
        return int(line) if line is not None and line.isdigit() else None

    def wait(self, timeout_s: float) -> bool:
        """Whether a report is there to read (the exit, once the pid is read) within ``timeout_s``."""
        return b"\n" in self.buffer or _wait_readable(self.fd, timeout_s)

    def read_exit(self, timeout_s: float) -> int | None:
        """As ``os.waitstatus_to_exitcode``: the exit code, or minus the signal number."""
        line = self._line(timeout_s)
        try:
            return int(line) if line is not None else None
        except ValueError:
            return None

    def _line(self, timeout_s: float) -> str | None:
        deadline = time.monotonic() + timeout_s
        while b"\n" not in self.buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not _wait_readable(self.fd, remaining):
                return None
            chunk = os.read(self.fd, 4096)
            if not chunk:
                return None
            self.buffer += chunk
        line, _, self.buffer = self.buffer.partition(b"\n")
        return line.decode("ascii", "replace")

    def close(self) -> None:
        os.close(self.fd)


class _Zygote:
    """The caller's handle on the warm parent of every job (started on first use, restarted if it died).

    The zygote is a fresh interpreter, started with a minimal environment, that has OpenSees
    and NumPy loaded and forks one job per request. A request is the pickled job (the caller
    is trusted by the zygote, never the other way round) with two pipe ends: the job's report
    channel and the zygote's status channel for that job.
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.socket: socket.socket | None = None
        self.process: subprocess.Popen[bytes] | None = None
        self.log_fd: int | None = None  # its output; the file is unlinked at once, so nothing is left behind

    def spawn(self, job: _Job) -> tuple[int, _JobStatus]:
        """Ask for a fork running ``job``: (fd of the job's reports, its status reader)."""
        payload = pickle.dumps((list(sys.path), pickle.dumps(job)))
        result_r, result_w = os.pipe2(os.O_CLOEXEC)
        status_r, status_w = os.pipe2(os.O_CLOEXEC)
        try:
            with self.lock:
                for attempt in range(2):
                    if self.socket is None or self.process is None or self.process.poll() is not None:
                        self._start()
                    assert self.socket is not None
                    try:
                        socket.send_fds(self.socket, [struct.pack("!Q", len(payload))], [result_w, status_w])
                        self.socket.sendall(payload)
                        break
                    except OSError:  # the zygote died since the last job: start another, once
                        self._stop()
                        if attempt:
                            raise
        except BaseException:
            os.close(result_r)
            os.close(status_r)
            raise
        finally:
            os.close(result_w)
            os.close(status_w)
        return result_r, _JobStatus(status_r)

    def died(self) -> bool:
        with self.lock:
            if self.process is not None:
                with contextlib.suppress(subprocess.TimeoutExpired):
                    self.process.wait(timeout=1)
            return self.process is None or self.process.poll() is not None

    def log_tail(self) -> str:
        try:
            size = os.fstat(self.log_fd if self.log_fd is not None else -1).st_size
            data = os.pread(self.log_fd, 2000, max(0, size - 2000))  # type: ignore[arg-type]
        except OSError:
            return "(no log)"
        return data.decode("utf-8", "replace").strip() or "(it wrote nothing)"

    def _start(self) -> None:
        self._stop()
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        env = {name: os.environ[name] for name in _ZYGOTE_ENV if name in os.environ}
        env.update(PYTHONPATH=os.pathsep.join(path for path in sys.path if path), OPENBLAS_NUM_THREADS="1",
                   PYTHONUNBUFFERED="1")
        log_fd, log_path = tempfile.mkstemp(prefix="autobm-zygote-", suffix=".log")
        os.unlink(log_path)  # read through the fd: no file outlives the caller, however it ends
        self.log_fd = log_fd
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-c", f"from {__name__} import _zygote_main; _zygote_main({theirs.fileno()})"],
                stdin=subprocess.DEVNULL, stdout=log_fd, stderr=log_fd, pass_fds=(theirs.fileno(),), env=env,
                cwd="/", start_new_session=True)  # no terminal signals: the caller decides
        finally:
            theirs.close()
        self.socket = ours

    def _stop(self) -> None:
        """Close the request channel: the zygote kills its jobs and exits."""
        if self.socket is not None:
            self.socket.close()
            self.socket = None
        if self.process is not None:
            try:
                self.process.wait(timeout=2)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process = None
        if self.log_fd is not None:
            os.close(self.log_fd)
            self.log_fd = None

    def close(self) -> None:
        with self.lock:
            self._stop()


_zygote = _Zygote()
atexit.register(_zygote.close)


def _read_bounded(path: str, max_bytes: int) -> tuple[str, bool]:
    """The file's text, or its head and tail with a marker when longer than ``max_bytes``."""
    try:
        with open(path, "rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            if size <= max_bytes:
                return stream.read(max_bytes).decode("utf-8", "replace"), False
            head_bytes = max_bytes // 2
            head = stream.read(head_bytes)
            stream.seek(size - (max_bytes - head_bytes))
            tail = stream.read()
    except FileNotFoundError:
        return "", False
    omitted = size - len(head) - len(tail)
    marker = f"\n[... {omitted} bytes omitted ...]\n"
    return head.decode("utf-8", "replace") + marker + tail.decode("utf-8", "replace"), True


class _SetupReport(BaseModel):
    isolation: list[str] = []
    warm_start: bool = False
    setup_error: str | None = None


class _Outcome(BaseModel):
    ok: bool
    error_type: str | None = None
    error_message: str | None = None
    error_line: int | None = None
    error_line_text: str | None = None
    memory_exceeded: bool = False
    facts: dict[str, str] | None = None
    after_error: str | None = None
    exit_code: int = 0  # what the job exits with (sys.exit(3): 3)
    timed_out: bool = False  # stopped at the wall-clock limit, then inspected


def _parse_messages(data: bytes) -> tuple[_SetupReport | None, _Outcome | None]:
    """First line: the setup report, written before the script ran. Second: the outcome."""
    lines = data.split(b"\n")[:-1]  # only complete lines
    setup = outcome = None
    try:
        if lines:
            setup = _SetupReport.model_validate_json(lines[0])
        if len(lines) > 1:
            outcome = _Outcome.model_validate_json(lines[1])
    except ValidationError:
        pass  # garbage from the script: judged by how the process ended
    return setup, outcome


def _decode_facts(payload: dict[str, str] | None) -> tuple[Any, str | None]:
    """Rebuild the hook's return value: its pydantic model if the caller has that class loaded."""
    if payload is None or "json" not in payload:
        return None, None
    try:
        model_class = _loaded_model_class(payload.get("model", ""))
        if model_class is not None:
            return model_class.model_validate_json(payload["json"]), None
        return json.loads(payload["json"]), None
    except (ValueError, RecursionError) as exc:  # ValidationError and JSONDecodeError are ValueErrors
        return None, f"{type(exc).__name__}: facts sent back by the job are invalid: {exc}"


def _loaded_model_class(qualified_name: str) -> type[BaseModel] | None:
    """Look up ``module:QualName`` among modules already imported (never imports anything)."""
    module_name, _, qualname = qualified_name.partition(":")
    target: Any = sys.modules.get(module_name)
    for part in qualname.split(".") if target is not None else ():
        target = getattr(target, part, None)
    return target if isinstance(target, type) and issubclass(target, BaseModel) else None


def _describe_death(job: _Job, setup: _SetupReport | None, stderr: str, *, timed_out: bool, oversized: bool,
                    signal_number: int | None, exit_status: int | None) -> dict[str, Any]:
    """Error fields for a job that sent no outcome."""
    limits = job.limits
    line = _line_from_dump(stderr, job.script_name)
    fields: dict[str, Any] = {"error_line": line, "error_line_text": _line_text(job.code, line)}
    if setup is not None and setup.setup_error is not None:
        return {"error_type": "SandboxError", "error_message": f"the sandbox could not be set up: {setup.setup_error}"}
    if timed_out:
        stuck = (f"; stopped then to inspect its model, it was not done {limits.inspect_after_timeout_s:g} s later "
                 "(a long OpenSees call cannot be interrupted)") if _stoppable(job) else ""
        fields.update(timed_out=True, error_type="Timeout",
                      error_message=f"the script ran longer than {limits.timeout_s:g} s (wall clock) and was killed{stuck}")
    elif oversized:
        fields.update(error_type="SandboxError", error_message="the job sent back more than 64 MiB")
    elif signal_number == signal.SIGXCPU:
        fields.update(cpu_time_exceeded=True, error_type="CPUTimeExceeded",
                      error_message=f"the script used more than {limits.cpu_s} s of CPU time")
    elif signal_number == signal.SIGXFSZ:
        fields.update(error_type="FileSizeExceeded",
                      error_message=f"the script wrote a file past the {limits.file_size_mb} MiB limit")
    elif signal_number is not None and "std::bad_alloc" in stderr[-4000:]:
        fields.update(memory_exceeded=True, error_type="MemoryError",
                      error_message=f"OpenSees ran out of memory (limit {limits.memory_mb} MiB): std::bad_alloc")
    elif signal_number in _CRASH_SIGNALS:
        fields.update(error_type="Crash", error_message=f"the process crashed with {_signal_name(signal_number)}")
    elif signal_number is not None:
        fields.update(error_type="Killed", error_message=f"the process was killed by {_signal_name(signal_number)}")
    elif exit_status is not None and "called exit() from C code" in stderr:
        said = _said_before_exit(stderr)
        fields.update(error_type="OpenSeesExit",
                      error_message=f"OpenSees ended the process (exit code {exit_status}) on an error it does not raise"
                                    + (f": {said}" if said else ""))
    elif exit_status is not None:
        fields.update(error_type="SystemExit",
                      error_message=f"the process exited with code {exit_status} without reporting "
                                    "(os._exit, or the script closed the sandbox's result channel)")
    else:
        fields.update(error_type="Killed", error_message="the process vanished without an exit status")
    return fields


def _signal_name(number: int) -> str:
    try:
        return f"{signal.Signals(number).name} ({number})"
    except ValueError:
        return f"signal {number}"


def _said_before_exit(stderr: str, limit: int = 400) -> str:
    """What OpenSees wrote to stderr before it called exit(): its FATAL message (else the last lines) and the first
    warning that led to it, each whole (OpenSees runs its messages together: they are split at WARNING and FATAL)."""
    head = stderr[: stderr.rfind("the process called exit() from C code")]
    lines = [ln.strip() for ln in re.split(r"\n|(?=WARNING)|(?=FATAL)", head)
             if ln.strip() and "Terminating" not in ln]
    if not lines:
        return ""
    fatal = next((ln for ln in lines if ln.startswith("FATAL")), None)
    said = fatal[: limit // 2] if fatal else " ".join(lines[-2:])[-limit // 2:]
    warnings = [ln for ln in lines if ln.startswith("WARNING") and ln not in said]
    if warnings:
        more = f" (and {len(warnings) - 1} more warnings)" if len(warnings) > 1 else ""
        said += f"; first: {warnings[0][: limit // 2]}{more}"
    return said


def _line_from_dump(stderr: str, script_name: str) -> int | None:
    """Line of the script in the last faulthandler dump (crash, or SIGUSR1 at timeout)."""
    start = stderr.rfind("most recent call first):")
    if start < 0:
        return None
    match = re.search(rf'File "{re.escape(script_name)}", line (\d+)', stderr[start:])
    return int(match.group(1)) if match else None


def _line_text(code: str, line: int | None) -> str | None:
    lines = code.splitlines()
    return lines[line - 1].strip() if line is not None and 0 < line <= len(lines) else None


def _remove_tree(path: str) -> None:
    """Remove a job's folder, even where the script took permissions away from its own folders."""

    def retry(function: Callable[[str], Any], failed_path: str, _error: object) -> None:
        try:
            os.chmod(os.path.dirname(failed_path), stat.S_IRWXU)
            os.chmod(failed_path, stat.S_IRWXU)
            function(failed_path)
        except OSError:
            pass

    if sys.version_info >= (3, 12):
        shutil.rmtree(path, onexc=retry)
    else:
        shutil.rmtree(path, onerror=retry)


# --------------------------------------------------------------------------- job side

_MEMORY_RESERVE_BYTES = 1 << 20  # freed on MemoryError so that the report can still be made
_MAX_TASKS = 4096  # RLIMIT_NPROC backstop; counts threads, and is not enforced for root


def _job_main(fd: int, job: _Job) -> NoReturn:
    """Entry point of the job process: confine, run, report, exit."""
    try:
        isolation = _confine(job, keep_fd=fd)
    except BaseException as exc:  # report any setup fault as data; nothing untrusted has run yet
        _send(fd, {"setup_error": f"{type(exc).__name__}: {exc}"})
        os._exit(70)
    _send(fd, {"isolation": isolation, "warm_start": _warmed})
    try:
        outcome = _execute(job)
    except BaseException as exc:  # a fault of ours, or limits too tight for the interpreter itself
        outcome = {"ok": False, "error_type": "SandboxError", "error_message": f"{type(exc).__name__}: {exc}"}
    exit_status = outcome.setdefault("exit_code", 0)  # sys.exit(3) ends the job with status 3, as in Python
    _send(fd, outcome)
    os._exit(exit_status)


def _send(fd: int, message: dict[str, Any]) -> None:
    """One JSON line (ensure_ascii: no raw newline inside) to the caller."""
    try:
        payload = json.dumps(message, ensure_ascii=True).encode() + b"\n"
        view = memoryview(payload)
        while view:
            view = view[os.write(fd, view):]
    except BaseException:  # the script closed or broke the channel: the caller judges by the exit
        os._exit(71)


def _confine(job: _Job, keep_fd: int) -> list[str]:
    """Apply every per-job layer, in an order where each step still has what it needs.

    The layers that are the same for every job (no capabilities, no new privileges, no core
    dumps, the zeroed environment block) were applied once in the zygote and are inherited.
    """
    applied = ["process-group"]
    os.setsid()
    _capture_output(job.stdout_path, job.stderr_path)
    os.closerange(3, keep_fd)  # the zygote's request channel and the status channels of other jobs
    os.closerange(keep_fd + 1, 1 << 20)
    global _call_counts
    if job.calls_path is not None:  # mapped before Landlock, which leaves the file out of reach by path
        _call_counts = _map_call_counts(job.calls_path, len(job.count_calls))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    _libc.mallopt(_M_ARENA_MAX, 2)  # glibc reserves 64 MiB of address space per arena, up to 8 per core
    applied += _set_limits(job.limits, stop_cpu_s=math.ceil(job.limits.inspect_after_timeout_s) if _stoppable(job) else 0)
    os.chdir(job.workdir)
    tempfile.tempdir = job.workdir
    os.environ.clear()
    os.environ.update(PATH="/usr/local/bin:/usr/bin:/bin", HOME=job.workdir, TMPDIR=job.workdir, LANG="C.UTF-8")
    sys.argv = [job.script_name]
    applied += ["workdir", "scrubbed-env", *_zygote_layers]
    load_opensees()  # already loaded in the zygote; otherwise imported while files are readable
    if len(os.listdir("/proc/self/task")) > 1:
        applied.append("warning: several threads at confinement; Landlock covers only the main one")
    try:
        applied += _landlock.restrict(list(job.read_paths), [job.workdir, "/dev/null"]) or ["landlock-unavailable"]
    except _landlock.LandlockError as exc:
        applied.append(f"landlock-failed: {exc}")
    try:
        applied.append("seccomp" if _install_seccomp_filter() else "seccomp-unavailable")
    except OSError as exc:
        applied.append(f"seccomp-failed: {exc}")
    faulthandler.enable(file=sys.stderr, all_threads=False)
    faulthandler.register(signal.SIGUSR1, file=sys.stderr, all_threads=False)
    if hasattr(_libc, "on_exit"):  # OpenSees ends the process with exit() on some errors: say where the script was
        _libc.on_exit(_EXIT_DUMP, None)
    _refuse_new_processes()
    applied.append("no-process-functions")
    return applied


_call_counts: memoryview | None = None  # the job's call counters (count_calls), shared with the caller's file


def _dump_on_exit(_status: int, _arg: object) -> None:
    """A C atexit handler of the job: the job itself ends with os._exit, which runs none, so this runs only where C
    code (OpenSees' fatal errors) called exit(); the script's line then comes back as for a crash."""
    try:
        sys.stderr.write("\nthe process called exit() from C code (OpenSees ended it)\n")
        sys.stderr.flush()
        faulthandler.dump_traceback(file=sys.stderr, all_threads=False)
    except BaseException:  # noqa: BLE001  (nothing more to say at exit)
        pass


_EXIT_DUMP = ctypes.CFUNCTYPE(None, ctypes.c_int, ctypes.c_void_p)(_dump_on_exit)  # kept alive: libc holds the pointer


def _map_call_counts(path: str, size: int) -> memoryview:
    fd = os.open(path, os.O_RDWR | os.O_CLOEXEC)
    try:
        return memoryview(mmap.mmap(fd, 8 * size)).cast("q")
    finally:
        os.close(fd)


def _count_calls(ops: Any, names: Sequence[str], counts: memoryview) -> None:
    """Put counting wrappers of the named OpenSeesPy functions in the module the script imports."""
    functions = vars(ops)
    for index, name in enumerate(names):
        function = functions.get(name)
        if callable(function):
            functions[name] = _counting(function, counts, index)


def _counting(function: Callable[..., Any], counts: memoryview, index: int) -> Callable[..., Any]:
    def counted(*args: Any, **kwargs: Any) -> Any:
        value = function(*args, **kwargs)
        counts[index] += 1
        return value

    counted.__name__ = counted.__qualname__ = getattr(function, "__name__", "counted")
    counted.__doc__ = getattr(function, "__doc__", None)
    return counted


_PROCESS_FUNCTIONS = {
    "os": ("system", "popen", "fork", "forkpty", "execv", "execve", "execl", "execle", "execlp", "execlpe", "execvp",
           "execvpe", "spawnl", "spawnle", "spawnlp", "spawnlpe", "spawnv", "spawnve", "spawnvp", "spawnvpe",
           "posix_spawn", "posix_spawnp"),
    "posix": ("system", "fork", "forkpty", "execv", "execve", "posix_spawn", "posix_spawnp"),
    "_posixsubprocess": ("fork_exec",),
    "subprocess": ("_fork_exec",),
}
"""Module functions that start a process, replaced in the job by one that raises PermissionError."""


def _refuse_new_process(*_args: Any, **_kwargs: Any) -> NoReturn:
    raise PermissionError(errno.EPERM, "the sandbox allows no new processes")


def _refuse_new_processes() -> None:
    """Make Python's ways to start a process raise, as the seccomp filter would refuse them anyway."""
    for module_name, names in _PROCESS_FUNCTIONS.items():
        module = sys.modules.get(module_name)
        for name in names if module is not None else ():
            if hasattr(module, name):
                setattr(module, name, _refuse_new_process)
    subprocess.Popen._execute_child = _refuse_new_process  # type: ignore[method-assign]


_zygote_layers: list[str] = []  # what _confine_zygote applied, inherited by every job


def _confine_zygote() -> None:
    """The layers every job shares, applied once in the zygote (a job cannot undo them)."""
    _zero_environment_block()
    if _drop_capabilities():
        _zygote_layers.append("no-capabilities")
    if _libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_NO_NEW_PRIVS) failed")
    _zygote_layers.append("no-new-privs")
    _seccomp_template()  # built here once; each job only writes its own pid into it


def _capture_output(stdout_path: str, stderr_path: str) -> None:
    """Point fd 1 and 2 (C-level output of OpenSees) and sys.stdout/stderr at the capture files.

    Opened read-write so that the job can read back what OpenSees wrote before an OpenSeesError.
    """
    for target, path in ((1, stdout_path), (2, stderr_path)):
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o600)
        os.dup2(fd, target)
        os.close(fd)
    sys.stdout = sys.__stdout__ = open(1, "w", encoding="utf-8", errors="backslashreplace", buffering=1,
                                       closefd=False)
    sys.stderr = sys.__stderr__ = open(2, "w", encoding="utf-8", errors="backslashreplace", buffering=1,
                                       closefd=False)


def _set_limits(limits: SandboxLimits, *, stop_cpu_s: int = 0) -> list[str]:
    """The job's rlimits; ``stop_cpu_s``: CPU seconds the hard limit leaves for the inspection after a stop at the
    wall-clock limit (the soft limit is raised to them then; a script could raise it itself, still bounded by the
    wall clock)."""
    mib = 1 << 20
    for name, value, hard in (("RLIMIT_CORE", 0, 0),
                              ("RLIMIT_AS", limits.memory_mb * mib, None),
                              ("RLIMIT_CPU", limits.cpu_s, limits.cpu_s + 1 + stop_cpu_s),
                              ("RLIMIT_FSIZE", limits.file_size_mb * mib, None),
                              ("RLIMIT_NOFILE", limits.max_open_files, None),
                              ("RLIMIT_NPROC", _MAX_TASKS, None)):
        kind = getattr(resource, name)
        _, current_hard = resource.getrlimit(kind)
        hard = value if hard is None else hard
        if current_hard != resource.RLIM_INFINITY:
            value, hard = min(value, current_hard), min(hard, current_hard)
        resource.setrlimit(kind, (value, hard))
    return ["rlimits"]


def _zero_environment_block() -> None:
    """Zero the block /proc/self/environ shows (os.environ is replaced separately, per job)."""
    with open("/proc/self/stat") as stream:
        fields = stream.read().rpartition(")")[2].split()
    env_start, env_end = int(fields[47]), int(fields[48])  # fields 50 and 51 of proc(5)
    if 0 < env_start < env_end:
        ctypes.memset(env_start, 0, env_end - env_start)


_libc = ctypes.CDLL(None, use_errno=True)
_M_ARENA_MAX = -8
_PR_SET_NO_NEW_PRIVS = 38
_PR_CAPBSET_DROP = 24
_PR_CAP_AMBIENT, _PR_CAP_AMBIENT_CLEAR_ALL = 47, 4
_LINUX_CAPABILITY_VERSION_3 = 0x20080522


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]


def _drop_capabilities() -> bool:
    """Empty the bounding, ambient, effective, permitted and inheritable sets.

    Without this a root job could raise its own resource limits, load kernel modules, mount, ...
    """
    with open("/proc/sys/kernel/cap_last_cap") as stream:
        last_cap = int(stream.read())
    for cap in range(last_cap + 1):
        _libc.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0)  # fails without CAP_SETPCAP: nothing to drop then
    _libc.prctl(_PR_CAP_AMBIENT, _PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0)
    header = _CapHeader(version=_LINUX_CAPABILITY_VERSION_3, pid=0)
    no_caps = (_CapData * 2)()
    return _libc.capset(ctypes.byref(header), no_caps) == 0


# seccomp: numbers from the kernel's syscall tables (arch/x86/entry/syscalls/syscall_64.tbl,
# include/uapi/asm-generic/unistd.h for aarch64, which has no fork or vfork).
_SECCOMP_ARCHES: dict[str, tuple[int, dict[str, int], int]] = {
    "x86_64": (0xC000003E, {
        "fork": 57, "vfork": 58, "clone": 56, "clone3": 435, "execve": 59, "execveat": 322, "socket": 41,
        "ptrace": 101, "process_vm_readv": 310, "process_vm_writev": 311, "kill": 62, "tkill": 200,
        "tgkill": 234, "rt_sigqueueinfo": 129, "rt_tgsigqueueinfo": 297, "pidfd_open": 434,
        "pidfd_send_signal": 424, "pidfd_getfd": 438, "io_uring_setup": 425, "io_uring_enter": 426,
        "io_uring_register": 427, "unshare": 272, "setns": 308, "add_key": 248, "request_key": 249,
        "keyctl": 250, "perf_event_open": 298, "bpf": 321, "userfaultfd": 323}, 317),
    "aarch64": (0xC00000B7, {
        "clone": 220, "clone3": 435, "execve": 221, "execveat": 281, "socket": 198, "ptrace": 117,
        "process_vm_readv": 270, "process_vm_writev": 271, "kill": 129, "tkill": 130, "tgkill": 131,
        "rt_sigqueueinfo": 138, "rt_tgsigqueueinfo": 240, "pidfd_open": 434, "pidfd_send_signal": 424,
        "pidfd_getfd": 438, "io_uring_setup": 425, "io_uring_enter": 426, "io_uring_register": 427,
        "unshare": 97, "setns": 268, "add_key": 217, "request_key": 218, "keyctl": 219, "perf_event_open": 241,
        "bpf": 280, "userfaultfd": 282}, 277),
}
_SECCOMP_ARCHES["arm64"] = _SECCOMP_ARCHES["aarch64"]
_CLONE_THREAD = 0x00010000
_X32_SYSCALL_BIT = 0x40000000
_RET_ALLOW, _RET_ERRNO, _RET_KILL_PROCESS = 0x7FFF0000, 0x00050000, 0x80000000
_LD_W_ABS, _JEQ, _JGE, _JSET, _RET = 0x20, 0x15, 0x35, 0x45, 0x06  # BPF_LD|W|ABS, BPF_JMP|JEQ|K, ...
_OFFSET_NR, _OFFSET_ARCH, _OFFSET_ARG0_LOW = 0, 4, 16  # struct seccomp_data, little-endian


class _SockFilter(ctypes.Structure):
    _fields_ = [("code", ctypes.c_uint16), ("jt", ctypes.c_uint8), ("jf", ctypes.c_uint8), ("k", ctypes.c_uint32)]


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(_SockFilter))]


def _seccomp_program(machine: str, own_pid: int) -> list[tuple[int, int, int, int]]:
    """The BPF program as (code, jt, jf, k) tuples; see the module docstring for what it denies."""
    arch, nr, _ = _SECCOMP_ARCHES[machine]
    eperm, enosys = _RET_ERRNO | errno.EPERM, _RET_ERRNO | errno.ENOSYS
    program = [(_LD_W_ABS, 0, 0, _OFFSET_ARCH), (_JEQ, 1, 0, arch), (_RET, 0, 0, _RET_KILL_PROCESS),
               (_LD_W_ABS, 0, 0, _OFFSET_NR)]
    if machine == "x86_64":
        program += [(_JGE, 0, 1, _X32_SYSCALL_BIT), (_RET, 0, 0, enosys)]
    denied = {name: eperm for name in ("fork", "vfork", "execve", "execveat", "socket", "ptrace",
                                       "process_vm_readv", "process_vm_writev", "tkill", "pidfd_open",
                                       "pidfd_send_signal", "pidfd_getfd", "io_uring_setup", "io_uring_enter",
                                       "io_uring_register", "unshare", "setns", "add_key", "request_key",
                                       "keyctl", "perf_event_open", "bpf", "userfaultfd")}
    denied["clone3"] = enosys  # glibc then falls back to clone, checked below
    for name, action in denied.items():
        if name in nr:
            program += [(_JEQ, 0, 1, nr[name]), (_RET, 0, 0, action)]
    # clone: only threads (CLONE_THREAD in the flags, argument 0).
    program += [(_JEQ, 0, 4, nr["clone"]), (_LD_W_ABS, 0, 0, _OFFSET_ARG0_LOW), (_JSET, 0, 1, _CLONE_THREAD),
                (_RET, 0, 0, _RET_ALLOW), (_RET, 0, 0, eperm)]
    # Signals: only to the job itself (argument 0 is the target pid; 0 is the own process group).
    self_targets = {"kill": (own_pid, -own_pid & 0xFFFFFFFF, 0), "tgkill": (own_pid,),
                    "rt_sigqueueinfo": (own_pid,), "rt_tgsigqueueinfo": (own_pid,)}
    for name, targets in self_targets.items():
        block = [(_LD_W_ABS, 0, 0, _OFFSET_ARG0_LOW)]
        for index, target in enumerate(targets):
            block.append((_JEQ, len(targets) - index, 0, target))  # to the ALLOW below
        block += [(_RET, 0, 0, eperm), (_RET, 0, 0, _RET_ALLOW)]
        program += [(_JEQ, 0, len(block), nr[name]), *block]
    program.append((_RET, 0, 0, _RET_ALLOW))
    return program


_PID_SLOT = 0x7FFFFFF0  # stands for the job's pid in the zygote's copy of the program
_seccomp_cache: tuple[Any, Any, list[tuple[int, int]]] | None = None


def _seccomp_template() -> tuple[Any, Any, list[tuple[int, int]]] | None:
    """(instructions, sock_fprog, [(index, sign)] of the pid slots), built once; None off x86_64/aarch64."""
    global _seccomp_cache
    machine = platform.machine()
    if _seccomp_cache is None and machine in _SECCOMP_ARCHES:
        program = _seccomp_program(machine, _PID_SLOT)
        slots = [(i, 1 if k == _PID_SLOT else -1) for i, (_, _, _, k) in enumerate(program)
                 if k in (_PID_SLOT, -_PID_SLOT & 0xFFFFFFFF)]
        instructions = (_SockFilter * len(program))(*(_SockFilter(*ins) for ins in program))
        _seccomp_cache = (instructions, _SockFprog(len(program), instructions), slots)
    return _seccomp_cache


def _install_seccomp_filter() -> bool:
    """Install the filter on every thread (TSYNC); False where the architecture is not known."""
    template = _seccomp_template()
    if template is None:
        return False
    instructions, fprog, slots = template
    pid = os.getpid()
    for index, sign in slots:
        instructions[index].k = pid if sign > 0 else -pid & 0xFFFFFFFF
    seccomp_syscall = _SECCOMP_ARCHES[platform.machine()][2]
    set_mode_filter, flag_tsync = 1, 1
    if _libc.syscall(ctypes.c_long(seccomp_syscall), ctypes.c_uint(set_mode_filter), ctypes.c_uint(flag_tsync),
                     ctypes.byref(fprog)) != 0:
        raise OSError(ctypes.get_errno(), "seccomp(SECCOMP_SET_MODE_FILTER) failed")
    return True


def _execute(job: _Job) -> dict[str, Any]:
    """Run the script, then the hook; return the outcome as plain data."""
    ops = load_opensees()
    pristine = _Pristine(ops)
    outcome: dict[str, Any] = {"ok": True, "memory_exceeded": False, "facts": None, "after_error": None}
    reserve = mmap.mmap(-1, _MEMORY_RESERVE_BYTES, flags=mmap.MAP_PRIVATE)  # address space only: never touched
    namespace: dict[str, Any] = {"__name__": "__main__", "__file__": job.script_name, "__builtins__": builtins}
    linecache.cache[job.script_name] = (len(job.code), None, job.code.splitlines(True), job.script_name)
    stderr_start = os.fstat(2).st_size
    before_wipe: dict[str, Any] = {}
    if job.after is not None:
        vars(ops)["wipe"] = _hook_before_wipe(job, pristine, before_wipe)
    if _call_counts is not None:
        _count_calls(ops, job.count_calls, _call_counts)
    stop = _Stop(job.script_name) if _stoppable(job) else None
    try:
        compiled = compile(job.code, job.script_name, "exec", dont_inherit=True)
        if stop is not None:
            stop.arm()
        exec(compiled, namespace)
    except BaseException as exc:  # whatever the script raised is data
        if stop is not None:
            stop.disarm()
        if isinstance(exc, MemoryError):
            reserve.close()
        namespace.clear()
        outcome.update(_describe_exception(exc, job, stderr_start))
        if not isinstance(exc, _WallClockLimit):
            _print_traceback(exc)
    if stop is not None:
        stop.disarm()
        if stop.stopped:  # stopped in the script, even one that caught the exception and went on
            line = outcome.get("error_line") if isinstance(outcome.get("error_line"), int) else stop.line
            outcome.update(ok=False, timed_out=True, error_type="Timeout", error_line=line,
                           error_line_text=_line_text(job.code, line), exit_code=0,
                           error_message=f"the script ran longer than {job.limits.timeout_s:g} s (wall clock) and was "
                                         f"stopped{f' at line {line}' if line else ''}; what follows is of the model "
                                         "it had built by then")
    namespace.clear()
    pristine.restore()
    if job.after is not None:
        if before_wipe and not pristine.ops_dict["getNodeTags"]():  # the script ended by wiping its model
            outcome.update(facts=before_wipe["facts"], after_error=before_wipe["after_error"])
            outcome["memory_exceeded"] = outcome["memory_exceeded"] or before_wipe["memory_exceeded"]
        else:
            _run_after(job, outcome)
    _flush_all()
    return outcome


class _WallClockLimit(BaseException):
    """Raised in the script when the caller stops it at the wall-clock limit (not an Exception: ``except
    Exception`` in the script does not catch it)."""


class _Stop:
    """The job's handler of the caller's stop signal: while the script runs, it raises ``_WallClockLimit``
    where the script is (at its next bytecode: a long OpenSees call ends first) and gives the inspection
    its CPU seconds; after the script, nothing (the hook is finishing in the time it was given)."""

    def __init__(self, script_name: str) -> None:
        self.script_name, self.running, self.stopped, self.line = script_name, False, False, None

    def arm(self) -> None:
        self.running = True
        signal.signal(_STOP_SIGNAL, self._handle)

    def disarm(self) -> None:
        self.running = False

    def _handle(self, _signum: int, frame: Any) -> None:
        signal.signal(_STOP_SIGNAL, signal.SIG_IGN)
        with contextlib.suppress(ValueError, OSError):
            _, hard = resource.getrlimit(resource.RLIMIT_CPU)
            if hard != resource.RLIM_INFINITY:
                resource.setrlimit(resource.RLIMIT_CPU, (hard - 1, hard))
        if not self.running:
            return
        self.stopped = True
        while frame is not None and frame.f_code.co_filename != self.script_name:
            frame = frame.f_back
        self.line = frame.f_lineno if frame is not None else None
        raise _WallClockLimit(f"stopped at the wall-clock limit{f' (line {self.line})' if self.line else ''}")


def _hook_before_wipe(job: _Job, pristine: _Pristine, held: dict[str, Any]) -> Callable[..., Any]:
    """``ops.wipe`` for the script: the after hook first sees the model about to be wiped.

    Many scripts end with ``ops.wipe()``; the hook (the inspection) would then find an empty
    domain. So a wipe of a domain that holds nodes first runs the hook on it, with OpenSees'
    own functions restored (the script may have patched them), and keeps what it returned
    in ``held``; the script's view of the module is put back before the real wipe. When the
    domain is empty at the end, the last such value is the job's.
    """
    real_wipe, node_tags = pristine.ops_dict["wipe"], pristine.ops_dict["getNodeTags"]

    def wipe(*args: Any) -> Any:
        if node_tags():
            scripts_view = dict(vars(pristine.ops))
            pristine.restore_opensees()
            try:
                held.clear()
                held.update(facts=None, after_error=None, memory_exceeded=False)
                _run_after(job, held)
            finally:
                vars(pristine.ops).clear()
                vars(pristine.ops).update(scripts_view)
        return real_wipe(*args)

    return wipe


class _Pristine:
    """What the script might rebind or patch that the after hook relies on; restored before it runs."""

    def __init__(self, ops: Any) -> None:
        self.ops, self.ops_dict = ops, dict(vars(ops))
        self.modules = {name: sys.modules.get(name) for name in ("openseespy.opensees", "autobm.agent.opensees")}
        self.loader_dict = dict(vars(sys.modules["autobm.agent.opensees"]))
        self.streams = (sys.stdout, sys.stderr)
        self.fds = (os.dup(1), os.dup(2))

    def restore(self) -> None:
        self.restore_opensees()
        for saved, target in zip(self.fds, (1, 2)):
            try:
                os.dup2(saved, target)
            except OSError:
                pass
        sys.stdout, sys.stderr = self.streams

    def restore_opensees(self) -> None:
        """The OpenSees module and autobm's loader as they were before the script ran."""
        vars(self.ops).clear()
        vars(self.ops).update(self.ops_dict)
        for name, module in self.modules.items():
            if module is not None:
                sys.modules[name] = module
        loader = self.modules["autobm.agent.opensees"]
        if loader is not None:
            vars(loader).update(self.loader_dict)


def _describe_exception(exc: BaseException, job: _Job, stderr_start: int) -> dict[str, Any]:
    if isinstance(exc, SystemExit) and exc.code in (None, 0):
        return {}  # a normal end
    exit_code = {"exit_code": _exit_status(exc.code)} if isinstance(exc, SystemExit) else {}
    line: int | None = None
    if isinstance(exc, SyntaxError) and exc.filename == job.script_name:
        line = exc.lineno
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == job.script_name:
            line = tb.tb_lineno
        tb = tb.tb_next
    error_type = "MemoryError" if isinstance(exc, MemoryError) else type(exc).__name__  # numpy's subclass too
    message = str(exc)
    if isinstance(exc, SyntaxError):
        message = exc.msg
    elif isinstance(exc, SystemExit):
        message = f"sys.exit({exc.code!r})"
    elif error_type == "OpenSeesError":
        message = _opensees_message(stderr_start) or message
    elif isinstance(exc, OSError) and exc.errno == errno.EFBIG:
        error_type = "FileSizeExceeded"
        message = f"a write went past the {job.limits.file_size_mb} MiB file size limit (output included): {exc}"
    return {"ok": False, "error_type": error_type, "error_message": message, "error_line": line,
            "error_line_text": _line_text(job.code, line), "memory_exceeded": isinstance(exc, MemoryError),
            **exit_code}


def _exit_status(code: object) -> int:
    """The status Python would exit with for ``sys.exit(code)``."""
    return code & 0xFF if isinstance(code, int) else 1


def _opensees_message(stderr_start: int) -> str | None:
    """The last message OpenSees wrote to the C-level stderr before raising OpenSeesError.

    OpenSees raises only "See stderr output"; its explanation is the last block of stderr,
    which starts at a WARNING/ERROR line (for example "WARNING Domain::addElement - In
    element 2 / no Node 3 exists in the domain / ERROR could not add element to domain.").
    """
    try:
        sys.stderr.flush()
        end = os.fstat(2).st_size
        start = max(stderr_start, end - 4096)
        text = os.pread(2, end - start, start).decode("utf-8", "replace")
    except OSError:
        return None
    lines = [line.strip() for line in text.splitlines() if line.strip()][-8:]
    warnings = [i for i, line in enumerate(lines) if line.startswith("WARNING")]
    if warnings:
        first = warnings[-1]
        while first - 1 in warnings:  # consecutive WARNING lines belong to one message
            first -= 1
    else:
        first = max(0, len(lines) - 3)
    return "\n".join(lines[first:]) or None


def _print_traceback(exc: BaseException) -> None:
    """Print the traceback as Python would, without this module's own frame."""
    if isinstance(exc, SystemExit):
        return
    tb = exc.__traceback__.tb_next if exc.__traceback__ is not None else None
    try:
        traceback.print_exception(type(exc), exc, tb, file=sys.stderr)
    except (MemoryError, OSError):
        pass


def _run_after(job: _Job, outcome: dict[str, Any]) -> None:
    assert job.after is not None
    try:
        value = job.after(job.after_arg)
    except _WallClockLimit:  # the stop reached the script during a hook the script called (its ops.wipe): stop it
        raise
    except BaseException as exc:  # the hook's failure is reported, like the script's
        said = str(exc) or ("no message: the memory limit, or a script that left OpenSees' memory corrupted (it may "
                            "crash at exit without autobm too)" if isinstance(exc, MemoryError) else "no message")
        outcome["after_error"] = f"{type(exc).__name__}: {said}"
        outcome["memory_exceeded"] = outcome["memory_exceeded"] or isinstance(exc, MemoryError)
        return
    try:
        if value is None:
            outcome["facts"] = None
        elif isinstance(value, BaseModel):
            kind = type(value)
            outcome["facts"] = {"model": f"{kind.__module__}:{kind.__qualname__}", "json": value.model_dump_json()}
        else:
            outcome["facts"] = {"json": pydantic_core.to_json(value).decode()}
    except BaseException as exc:
        outcome["after_error"] = f"{type(exc).__name__}: the after hook's value cannot be sent back: {exc}"


def _flush_all() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    _libc.fflush(None)  # OpenSees' C stdio buffers; os._exit would drop them


def _single_threaded_blas() -> None:
    """One OpenBLAS thread per job (set in the zygote, inherited by every fork).

    Jobs run side by side already, and OpenBLAS would otherwise start a thread per core in
    each job, whose stacks and buffers count against the job's address-space limit.
    """
    blas.set_threads(1)


def _silence_stderr() -> None:
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 2)
    os.close(null)


def _zygote_main(request_fd: int) -> None:
    """The zygote: load OpenSees, then fork one confined job per request until the caller goes.

    Runs in its own interpreter (see ``_Zygote``). Single-threaded, so that forking is safe.
    A job's exit is reaped here and its status written to the job's status channel. While no
    request waits, one process is forked ahead (``_Spare``), so that a request finds its
    process already past the fork.
    """
    requests = socket.socket(fileno=request_fd)
    load_opensees()
    import numpy  # noqa: F401, PLC0415  (warm for the jobs; its OpenBLAS is then set to one thread)
    _single_threaded_blas()
    _confine_zygote()
    atexit.register(_silence_stderr)  # OpenSees prints "Process 0 Terminating" at exit
    wake_r, wake_w = os.pipe2(os.O_NONBLOCK | os.O_CLOEXEC)
    signal.set_wakeup_fd(wake_w)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    jobs: dict[int, int] = {}  # pid -> status channel
    folders: collections.deque[str] = collections.deque(maxlen=_FOLDERS_KEPT)  # the latest jobs' folders
    own_fds = (requests.fileno(), wake_r, wake_w)
    spare: _Spare | None = None
    try:
        while True:
            idle = not select.select([requests], [], [], 0)[0]
            if spare is None and idle:
                spare = _Spare.fork(own_fds, jobs)
            ready = select.select([requests, wake_r], [], [])[0]
            if wake_r in ready:
                with contextlib.suppress(BlockingIOError):
                    while os.read(wake_r, 4096):
                        pass
                if spare is not None and spare.pid in _reap_jobs(jobs):  # it died waiting: its pid is free
                    spare.channel.close()
                    spare = None
            if requests in ready:
                served, spare = _serve_request(requests, jobs, own_fds, spare, folders)
                if not served:
                    break
    finally:  # the caller is gone: so are its jobs, and the folders a caller killed outright left behind
        if spare is not None:
            spare.discard()
        for pid in jobs:
            with contextlib.suppress(OSError):
                os.killpg(pid, signal.SIGKILL)
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 2
        while jobs and time.monotonic() < deadline:  # dead before their folders go
            _reap_jobs(jobs)
            time.sleep(0.005)
        for folder in folders:
            if os.path.isdir(folder):
                _remove_tree(folder)


class _Spare:
    """A process forked ahead of its job, waiting on a channel of its own for the job and its report fd.

    It is a fork of the zygote as it was then: a job is handed to it only while the zygote has
    imported nothing and added no import path since (else it is discarded and the job forked
    afresh), so that the job finds every module the zygote had.
    """

    def __init__(self, pid: int, channel: socket.socket) -> None:
        self.pid, self.channel, self.state = pid, channel, _import_state()

    @classmethod
    def fork(cls, own_fds: tuple[int, ...], jobs: dict[int, int]) -> _Spare:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        gc.freeze()  # forked jobs then leave the zygote's objects alone (fewer copied pages)
        pid = os.fork()
        if pid == 0:
            busy = len(jobs)
            _after_fork(own_fds, jobs)
            ours.close()
            _spare_main(theirs, busy)
        theirs.close()
        return cls(pid, ours)

    def fits(self) -> bool:
        return self.state == _import_state()

    def hand(self, job_bytes: bytes, result_w: int) -> bool:
        """Send the job to the spare; False (the spare discarded) where it cannot take it."""
        try:
            socket.send_fds(self.channel, [struct.pack("!Q", len(job_bytes))], [result_w])
            self.channel.sendall(job_bytes)
        except OSError:
            self.discard()
            return False
        self.channel.close()
        return True

    def discard(self) -> None:
        """End the spare (its pid is reaped with the jobs')."""
        self.channel.close()
        with contextlib.suppress(OSError):
            os.kill(self.pid, signal.SIGKILL)


def _import_state() -> tuple[int, int]:
    return len(sys.modules), len(sys.path)


def _after_fork(own_fds: tuple[int, ...], jobs: dict[int, int]) -> None:
    """In a forked job: the zygote's signal handling undone, its channels closed."""
    signal.set_wakeup_fd(-1)
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    for fd in (*own_fds, *jobs.values()):
        with contextlib.suppress(OSError):
            os.close(fd)


def _spare_main(channel: socket.socket, busy: int) -> NoReturn:
    """A spare warms itself where a core is idle (``_warm``; ``busy``: the zygote's jobs running when it was forked),
    waits for its job (or the end of its channel: discarded), then runs it."""
    _warm(channel, busy)
    try:
        header, fds, _, _ = socket.recv_fds(channel, 8, 1)
        if not header or len(fds) != 1:
            os._exit(0)
        header += _receive_exactly(channel, 8 - len(header))
        job = pickle.loads(_receive_exactly(channel, struct.unpack("!Q", header)[0]))
        channel.close()
    except BaseException:  # noqa: BLE001  (the zygote sees the exit; the caller gets no report)
        os._exit(70)
    _job_main(fds[0], job)


_WARM_SCRIPT = """
import openseespy.opensees as ops
ops.wipe()
ops.model('basic', '-ndm', 3, '-ndf', 6)
ops.geomTransf('Linear', 1, 1.0, 0.0, 0.0)
ops.geomTransf('Linear', 2, 0.0, 0.0, 1.0)
for k in range(3):
    for j in range(2):
        for i in range(3):
            ops.node(100 * k + 10 * j + i, 6.0 * i, 6.0 * j, 3.5 * k)
            if k == 0:
                ops.fix(100 * k + 10 * j + i, 1, 1, 1, 1, 1, 1)
            else:
                ops.mass(100 * k + 10 * j + i, 2.0e4, 2.0e4, 0.0, 0.0, 0.0, 0.0)
for k in range(1, 3):
    ops.node(100 * k + 99, 6.0, 3.0, 3.5 * k)
    ops.fix(100 * k + 99, 0, 0, 1, 1, 1, 0)
    ops.rigidDiaphragm(3, 100 * k + 99, *[100 * k + 10 * j + i for j in range(2) for i in range(3)])
tag = 1
for k in range(1, 3):
    for j in range(2):
        for i in range(3):
            ops.element('elasticBeamColumn', tag, 100 * (k - 1) + 10 * j + i, 100 * k + 10 * j + i, 0.25, 3.0e10,
                        1.25e10, 8.8e-3, 5.2e-3, 5.2e-3, 1)
            tag += 1
            if i < 2:
                ops.element('elasticBeamColumn', tag, 100 * k + 10 * j + i, 100 * k + 10 * j + i + 1, 0.18, 3.0e10,
                            1.25e10, 2.7e-3, 5.4e-3, 1.4e-3, 2)
                tag += 1
        for i in range(3):
            if j == 0:
                ops.element('elasticBeamColumn', tag, 100 * k + i, 100 * k + 10 + i, 0.18, 3.0e10, 1.25e10, 2.7e-3,
                            5.4e-3, 1.4e-3, 2)
                tag += 1
ops.eigen('-fullGenLapack', 3)
"""
"""What a spare runs to warm itself: a small 3D frame with rigid diaphragms, built and its eigen analysis run (trusted
code, autobm's own: a job never finds anything another job left). Its eigen analyses are LAPACK's, never ARPACK's,
which keeps the seed of its starting vector from call to call: a job after an ARPACK call of the warm-up had periods
a last digit off those of a job in a process that did not warm (each job is then the first ARPACK user of its
process, and its numbers the same to the bit whichever process it runs in)."""

_warm_hook: tuple[Callable[[Any], Any], Any] | None = None
"""The last job's after hook and its argument (the caller's, trusted), which a spare also runs on its warm model."""

_warm_wanted = True
"""The last job's ``warm_spares``: its caller's ``warm_spares()``."""

_warmed = False
"""In a spare: it warmed itself (``_warm``)."""


def _warm(channel: socket.socket, busy: int) -> None:
    """Run a small model and the last job's after hook on it (autobm's own hooks only: the inspection), where a core is
    idle, so that the job finds many of the pages it touches already copied from the zygote (a model and its
    inspection take about 2,000 copy-on-write and fresh-page faults, on a machine whose page tables are virtualised
    2.4 us each) and its OpenSees model wiped: 2 ms of the 31 ms a building of ``run_spec`` takes on 2 cores.
    Skipped where every core is busy (jobs side by side: the warm-up would cost a run's CPU per job) and left before
    the hook once the job is there; ``warm_spares(False)`` in the caller, or ``AUTOBM_WARM_SPARES=0`` in its
    environment, turns it off. ``busy``: the zygote's jobs running when it forked this spare (``autobm check`` runs
    them side by side). Only autobm's trusted code runs here: no job sees anything another job did."""
    global _warmed
    cores = len(os.sched_getaffinity(0))
    if not _warm_wanted or os.environ.get("AUTOBM_WARM_SPARES") == "0" or busy + 1 > cores or not _a_core_is_free(cores):
        return
    ops = load_opensees()
    saved = os.dup(1), os.dup(2)
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        for fd in (1, 2):
            os.dup2(null, fd)
        os.close(null)
        namespace: dict[str, Any] = {"__name__": "__main__"}
        exec(compile(_WARM_SCRIPT, "<warm-up>", "exec", dont_inherit=True), namespace)
        namespace.clear()
        _warmed = True
        if _warm_hook is not None and getattr(_warm_hook[0], "__module__", "").startswith("autobm.") \
                and not select.select([channel], [], [], 0)[0]:
            after, arg = _warm_hook
            eigen = vars(ops)["eigen"]
            vars(ops)["eigen"] = functools.partial(_dense_eigen, eigen)
            try:
                value = after(arg)
            finally:
                vars(ops)["eigen"] = eigen
            if isinstance(value, BaseModel):
                value.model_dump_json()
    except BaseException:  # noqa: BLE001  (a warm-up that fails leaves the job as it would have been)
        pass
    finally:
        with contextlib.suppress(BaseException):
            ops.wipe()
        _flush_all()
        for fd, copy in zip((1, 2), saved):
            os.dup2(copy, fd)
            os.close(copy)


def _dense_eigen(eigen: Callable[..., Any], *args: Any) -> Any:
    """``ops.eigen`` in the warm-up: every solve LAPACK's (``_WARM_SCRIPT`` says why)."""
    return eigen("-fullGenLapack", args[-1]) if args else eigen(*args)


def _a_core_is_free(cores: int) -> bool:
    """Whether the processes running (this one among them) leave no other waiting for one of ``cores``: the kernel's
    count of runnable tasks (the fourth field of /proc/loadavg), the least of a few readings over 2 ms, the first once
    the zygote that forked this process and its caller are back waiting (a kernel thread passing through is counted
    too)."""
    try:
        readings = []
        for _ in range(_WARM_READINGS):
            time.sleep(_WARM_READING_GAP_S)
            with open("/proc/loadavg", encoding="ascii") as f:
                readings.append(_running_tasks(f.read()))
        return min(readings) <= cores
    except (OSError, ValueError, IndexError):
        return False


_WARM_READINGS, _WARM_READING_GAP_S = 3, 0.0007


def _running_tasks(loadavg: str) -> int:
    """The runnable tasks of a /proc/loadavg text ('0.21 0.53 0.31 2/90 7665': 2)."""
    return int(loadavg.split()[3].split("/")[0])


_FOLDERS_KEPT = 1024
"""How many of the latest jobs' folders the zygote removes when its caller is gone (a caller
removes each job's folder itself once the job has ended; only one killed outright cannot)."""


def _serve_request(requests: socket.socket, jobs: dict[int, int], own_fds: tuple[int, ...],
                   spare: _Spare | None, folders: collections.deque[str]) -> tuple[bool, _Spare | None]:
    """Read one request and start its job, in the spare where it fits, else in a fork of its own.

    Returns (False at the end of the requests, the spare left). The job's folder (made by the
    caller, named ``autobm-sandbox-*``) goes in ``folders``.
    """
    header, fds, _, _ = socket.recv_fds(requests, 8, 2)
    if not header:
        return False, spare
    header += _receive_exactly(requests, 8 - len(header))
    payload = _receive_exactly(requests, struct.unpack("!Q", header)[0])
    if len(fds) != 2:
        for fd in fds:
            os.close(fd)
        return True, spare
    result_w, status_w = fds
    try:
        path, job_bytes = pickle.loads(payload)
        sys.path.extend(entry for entry in path if entry not in sys.path)
        job = pickle.loads(job_bytes)  # imports the after hook's module here, once for all later jobs
        global _warm_hook, _warm_wanted
        _warm_hook = (job.after, job.after_arg) if job.after is not None else None
        _warm_wanted = job.warm_spares
        folder = os.path.dirname(job.workdir)
        if os.path.basename(folder).startswith(_JOB_FOLDER_PREFIX):
            folders.append(folder)
    except Exception as exc:  # noqa: BLE001  (reported to the caller, which raised nothing)
        with contextlib.suppress(OSError):
            os.write(status_w, f"error cannot load the job: {type(exc).__name__}: {exc}\n".encode())
        os.close(result_w)
        os.close(status_w)
        return True, spare
    if spare is not None and not spare.fits():
        spare.discard()
        spare = None
    if spare is not None and spare.hand(job_bytes, result_w):
        pid, spare = spare.pid, None
    else:
        spare = None
        gc.freeze()
        pid = os.fork()
        if pid == 0:
            _after_fork(own_fds, jobs)
            os.close(status_w)
            _job_main(result_w, job)
    os.close(result_w)
    jobs[pid] = status_w
    with contextlib.suppress(OSError):
        os.write(status_w, f"{pid}\n".encode())
    return True, spare


def _receive_exactly(requests: socket.socket, size: int) -> bytes:
    data = bytearray()
    while len(data) < size:
        chunk = requests.recv(min(size - len(data), 1 << 20))
        if not chunk:
            raise EOFError("the request channel closed in the middle of a request")
        data += chunk
    return bytes(data)


def _reap_jobs(jobs: dict[int, int]) -> set[int]:
    """Reap the exited children, report each job's exit; returns the pids reaped that were no job's."""
    others: set[int] = set()
    while True:
        try:
            pid, wait_status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return others
        if pid == 0:
            return others
        status_w = jobs.pop(pid, None)
        if status_w is None:
            others.add(pid)
            continue
        with contextlib.suppress(OSError):  # the caller may have given up on the job
            os.write(status_w, f"{os.waitstatus_to_exitcode(wait_status)}\n".encode())
        os.close(status_w)
