"""OpenBLAS threads: one for autobm's own small matrices.

NumPy's OpenBLAS starts a thread per core and, after a call it shared out, lets those threads spin waiting for
the next (about a tenth of a second). autobm's matrices are small (the planar frame of ``sizing``: a few hundred
DOFs at most), where a second thread gains nothing and its spinning takes the core a sandboxed job, or a spare
warming itself, would run on: over 30 buildings through ``run_spec`` the caller's second thread took 0.34 s of CPU
in a 1.09 s run. ``single_threaded()`` holds OpenBLAS to one thread for a block and then gives back what was set;
``set_threads`` sets it for good (the sandbox's zygote, for every job). Where no OpenBLAS is loaded (another BLAS, or
a platform without /proc) both do nothing.
"""

from __future__ import annotations

import contextlib
import ctypes
import sys
from collections.abc import Callable, Iterator

_PREFIXES = ("openblas_", "scipy_openblas_")
_SUFFIXES = ("", "64_")


_found: tuple[tuple[Callable[[], int], Callable[[int], None]], ...] | None = None


def _controls() -> tuple[tuple[Callable[[], int], Callable[[int], None]], ...]:
    """(get, set) of the number of threads of each OpenBLAS this process has loaded (NumPy's, SciPy's); looked for
    again until NumPy is imported (it loads its BLAS), then kept."""
    global _found
    if _found is not None:
        return _found
    try:
        with open("/proc/self/maps", encoding="utf-8", errors="replace") as maps:
            paths = sorted({line.split()[-1] for line in maps if "openblas" in line.lower() and "/" in line})
    except OSError:
        return ()
    found = []
    for path in paths:
        try:
            library = ctypes.CDLL(path)
        except OSError:
            continue
        for prefix in _PREFIXES:
            for suffix in _SUFFIXES:
                getter = getattr(library, f"{prefix}get_num_threads{suffix}", None)
                setter = getattr(library, f"{prefix}set_num_threads{suffix}", None)
                if setter is not None:
                    if getter is not None:
                        getter.restype = ctypes.c_int
                    found.append((getter if getter is not None else (lambda: 1), setter))
    if found or "numpy" in sys.modules:
        _found = tuple(found)
    return tuple(found)


def set_threads(n: int) -> None:
    """Every loaded OpenBLAS to ``n`` threads, for good."""
    for _, setter in _controls():
        setter(n)


@contextlib.contextmanager
def single_threaded() -> Iterator[None]:
    """One OpenBLAS thread within the block (for the whole process: another thread's BLAS calls too), then the
    threads as they were."""
    saved = [(setter, int(getter())) for getter, setter in _controls()]
    for setter, _ in saved:
        setter(1)
    try:
        yield
    finally:
        for setter, threads in saved:
            setter(threads)
