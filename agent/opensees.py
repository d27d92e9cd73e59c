"""The one place that imports OpenSeesPy.

On Linux, openseespy's wheel (openseespylinux) bundles ``liblapack.so.3`` without a
RUNPATH to the ``libblas.so.3`` lying beside it, so a plain ``import openseespy``
fails on a machine without a system BLAS ("libblas.so.3: cannot open shared object
file"). Loading the bundled libblas globally first makes the import work with no
manual step. Every module of autobm that needs OpenSees imports ``ops`` from here.
"""

from __future__ import annotations

import ctypes
import importlib.util
import os
import sys
from types import ModuleType

__all__ = ["load_opensees"]

_ops: ModuleType | None = None


def _preload_bundled_blas() -> None:
    spec = importlib.util.find_spec("openseespylinux")
    if spec is None or not spec.submodule_search_locations:
        return  # not Linux, or a source build: nothing bundled to preload
    for folder in spec.submodule_search_locations:
        lib_dir = os.path.join(folder, "lib")
        for name in ("libgfortran.so.4", "libquadmath.so.0", "libblas.so.3"):
            path = os.path.join(lib_dir, name)
            if os.path.exists(path):
                try:
                    ctypes.CDLL(path, mode=ctypes.RTLD_GLOBAL)
                except OSError:
                    pass  # the system copy (or LD_LIBRARY_PATH) may still serve


def load_opensees() -> ModuleType:
    """Return the ``openseespy.opensees`` module, importing it once."""
    global _ops
    if _ops is None:
        if sys.platform.startswith("linux"):
            _preload_bundled_blas()
        import openseespy.opensees as ops  # noqa: PLC0415  (import after the preload)

        _ops = ops
    return _ops
