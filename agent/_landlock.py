"""Landlock through ctypes: confine the calling process to chosen folders, no TCP, no signals out.

Landlock lets an unprivileged process restrict itself and every process it later creates;
the restriction cannot be lifted. What a ruleset "handles" is denied unless a rule grants
it, so the ruleset below names every right the running kernel knows (its ABI version):

- ABI 1: file system access beneath the granted folders (read, write, make, remove, execute);
- ABI 2: moving files between folders (REFER); ABI 3: truncation; ABI 5: device ioctls;
- ABI 4: TCP bind and connect (no rule grants any port, so both are denied);
- ABI 6: scopes: signals and abstract UNIX sockets may only reach processes inside the same
  Landlock domain (the job itself), not the caller, the zygote or anyone else.

Ptrace of processes outside the domain is denied from ABI 1 on. Paths not granted (for
example ``/proc``) cannot be opened at all. A thread restricts only itself and the threads
and processes it creates afterwards, so call ``restrict`` while the process is single-threaded.

Reference: https://docs.kernel.org/userspace-api/landlock.html (uapi ``linux/landlock.h``).
"""

from __future__ import annotations

import ctypes
import os
import platform

__all__ = ["ABI_VERSION", "LandlockError", "restrict"]

# The three system calls have the same numbers on x86_64 and aarch64 (the generic table).
_SYSCALLS = {"x86_64": (444, 445, 446), "aarch64": (444, 445, 446), "arm64": (444, 445, 446)}

_CREATE_RULESET_VERSION = 1 << 0
_RULE_PATH_BENEATH = 1

# File system rights (linux/landlock.h), with the ABI version that introduced each.
FS_EXECUTE = 1 << 0
FS_WRITE_FILE = 1 << 1
FS_READ_FILE = 1 << 2
FS_READ_DIR = 1 << 3
FS_REMOVE_DIR = 1 << 4
FS_REMOVE_FILE = 1 << 5
FS_MAKE_CHAR = 1 << 6
FS_MAKE_DIR = 1 << 7
FS_MAKE_REG = 1 << 8
FS_MAKE_SOCK = 1 << 9
FS_MAKE_FIFO = 1 << 10
FS_MAKE_BLOCK = 1 << 11
FS_MAKE_SYM = 1 << 12
FS_REFER = 1 << 13  # ABI 2
FS_TRUNCATE = 1 << 14  # ABI 3
FS_IOCTL_DEV = 1 << 15  # ABI 5

_FS_BY_ABI = {1: (1 << 13) - 1, 2: (1 << 14) - 1, 3: (1 << 15) - 1, 4: (1 << 15) - 1}
_FS_ALL_LATEST = (1 << 16) - 1  # ABI >= 5
_FILE_ONLY_RIGHTS = FS_EXECUTE | FS_WRITE_FILE | FS_READ_FILE | FS_TRUNCATE | FS_IOCTL_DEV

_NET_BIND_TCP = 1 << 0  # ABI 4
_NET_CONNECT_TCP = 1 << 1
_SCOPE_ABSTRACT_UNIX_SOCKET = 1 << 0  # ABI 6
_SCOPE_SIGNAL = 1 << 1

READ_RIGHTS = FS_READ_FILE | FS_READ_DIR
WRITE_RIGHTS = (
    READ_RIGHTS | FS_WRITE_FILE | FS_TRUNCATE | FS_REMOVE_DIR | FS_REMOVE_FILE
    | FS_MAKE_DIR | FS_MAKE_REG | FS_REFER
)


class LandlockError(OSError):
    """The kernel refused a Landlock call."""


class _RulesetAttr(ctypes.Structure):
    _fields_ = [("handled_access_fs", ctypes.c_uint64), ("handled_access_net", ctypes.c_uint64),
                ("scoped", ctypes.c_uint64)]


class _PathBeneathAttr(ctypes.Structure):
    _pack_ = 1  # __attribute__((packed)) in the uapi header: 12 bytes
    _fields_ = [("allowed_access", ctypes.c_uint64), ("parent_fd", ctypes.c_int32)]


_libc = ctypes.CDLL(None, use_errno=True)
_libc.syscall.restype = ctypes.c_long


def _syscall(number: int, *args: object) -> int:
    result = _libc.syscall(ctypes.c_long(number), *args)
    if result < 0:
        err = ctypes.get_errno()
        raise LandlockError(err, os.strerror(err))
    return int(result)


def _abi_version() -> int:
    numbers = _SYSCALLS.get(platform.machine())
    if numbers is None:
        return 0
    try:
        return _syscall(numbers[0], None, ctypes.c_size_t(0), ctypes.c_uint32(_CREATE_RULESET_VERSION))
    except LandlockError:  # ENOSYS (kernel without Landlock) or EOPNOTSUPP (disabled at boot)
        return 0


ABI_VERSION: int = _abi_version()
"""Landlock ABI version of the running kernel, 0 where Landlock is unavailable (read once at import)."""


def _handled_fs(abi: int) -> int:
    return _FS_BY_ABI.get(abi, _FS_ALL_LATEST)


def restrict(read_paths: list[str], write_paths: list[str], *, deny_tcp: bool = True,
             scope_signals: bool = True) -> list[str]:
    """Confine the calling thread (and what it creates later) to the given paths.

    ``read_paths`` may be read (files and listings); ``write_paths`` may also be written,
    created, truncated, renamed within and removed. Nothing may be executed. Missing paths are
    skipped. Requires ``PR_SET_NO_NEW_PRIVS`` (or CAP_SYS_ADMIN) beforehand. Returns the
    names of what was applied, e.g. ``["landlock-fs", "landlock-tcp", "landlock-signal"]``;
    raises ``LandlockError`` where the kernel refuses and returns ``[]`` where it has no Landlock.
    """
    abi = ABI_VERSION
    if abi < 1:
        return []
    create, add_rule, restrict_self = _SYSCALLS[platform.machine()]
    handled_fs = _handled_fs(abi)
    attr = _RulesetAttr(handled_access_fs=handled_fs)
    applied = ["landlock-fs"]
    attr_size = 8  # ABI 1-3 know only handled_access_fs
    if abi >= 4:
        attr_size = 16
        if deny_tcp:
            attr.handled_access_net = _NET_BIND_TCP | _NET_CONNECT_TCP
            applied.append("landlock-tcp")
    if abi >= 6:
        attr_size = 24
        if scope_signals:
            attr.scoped = _SCOPE_SIGNAL | _SCOPE_ABSTRACT_UNIX_SOCKET
            applied += ["landlock-signal", "landlock-abstract-unix"]
    ruleset_fd = _syscall(create, ctypes.byref(attr), ctypes.c_size_t(attr_size), ctypes.c_uint32(0))
    try:
        for paths, rights in ((read_paths, READ_RIGHTS), (write_paths, WRITE_RIGHTS)):
            for path in paths:
                _add_path_rule(add_rule, ruleset_fd, path, rights & handled_fs)
        _syscall(restrict_self, ctypes.c_int(ruleset_fd), ctypes.c_uint32(0))
    finally:
        os.close(ruleset_fd)
    return applied


def _add_path_rule(add_rule: int, ruleset_fd: int, path: str, rights: int) -> None:
    try:
        fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
    except OSError:
        return  # a folder this machine does not have
    try:
        if not os.path.isdir(path):
            rights &= _FILE_ONLY_RIGHTS  # the kernel rejects directory rights on a file
        rule = _PathBeneathAttr(allowed_access=rights, parent_fd=fd)
        _syscall(add_rule, ctypes.c_int(ruleset_fd), ctypes.c_int(_RULE_PATH_BENEATH),
                 ctypes.byref(rule), ctypes.c_uint32(0))
    finally:
        os.close(fd)
