"""Adversarial tests of agent/sandbox.py, one property each.

Every hostile script here would succeed in a plain Python process; each test checks that
it fails inside the sandbox and that the caller is unharmed.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # the hooks module must be importable by name in the job
import sandbox_hooks  # noqa: E402

from autobm.agent import _landlock  # noqa: E402
from autobm.agent.sandbox import ExecutionResult, SandboxLimits, run_many, run_untrusted  # noqa: E402

# Set while the test modules are collected, before any job starts the zygote (the parent of
# every job), which must not take it along.
SECRET = "autobm-secret-" + secrets.token_hex(8)
os.environ["AUTOBM_SANDBOX_TEST_SECRET"] = SECRET



@pytest.fixture(autouse=True, scope="module")
def _forget_the_secret_afterwards() -> Iterator[None]:
    yield
    os.environ.pop("AUTOBM_SANDBOX_TEST_SECRET", None)


needs_landlock = pytest.mark.skipif(_landlock.ABI_VERSION < 1, reason="kernel without Landlock")

TWO_NODE_MODEL = textwrap.dedent("""\
    import openseespy.opensees as ops
    ops.wipe()
    ops.model("basic", "-ndm", 2, "-ndf", 3)
    ops.node(1, 0.0, 0.0)
    ops.node(2, 0.0, 3.0)
    ops.fix(1, 1, 1, 1)
    ops.mass(2, 1000.0, 1000.0, 0.0)
    ops.geomTransf("Linear", 1)
    ops.element("elasticBeamColumn", 1, 1, 2, 0.01, 2.0e11, 1.0e-4, 1)
    eigenvalues = ops.eigen(1)
    print("EIGEN", eigenvalues[0])
""")


def run(code: str, **kwargs: object) -> ExecutionResult:
    return run_untrusted(textwrap.dedent(code), **kwargs)


def processes_in_session(session_id: int, wait_s: float = 2.0) -> list[int]:
    """Pids of the host's live processes whose session is ``session_id`` (field 6 of /proc/PID/stat).

    A job that has sent its result is killed rather than waited for (its memory is torn down after
    the result comes back): its own pid is the session's and vanishes within milliseconds, so the
    session is polled for up to ``wait_s``; zombies (state Z) are dead already.
    """
    deadline = time.monotonic() + wait_s
    while True:
        found = []
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat") as stream:
                    fields = stream.read().rpartition(")")[2].split()
            except OSError:
                continue
            if int(fields[3]) == session_id and fields[0] not in ("Z", "X"):
                found.append(int(entry))
        if not found or time.monotonic() > deadline:
            return found
        time.sleep(0.01)


def line_value(stdout: str, key: str) -> str:
    return next(line.split(maxsplit=1)[1] for line in stdout.splitlines() if line.startswith(key + " "))


# --------------------------------------------------------------------------- normal use

def test_opensees_script_runs_and_stdout_is_captured() -> None:
    result = run(TWO_NODE_MODEL)
    assert result.ok, result.stderr
    assert result.error_type is None
    # k = 3EI/L^3 = 3 * 2e11 * 1e-4 / 27 N/m, m = 1000 kg: lambda = k/m = 2222.2 (rad/s)^2
    assert float(line_value(result.stdout, "EIGEN")) == pytest.approx(2222.2222, rel=1e-6)
    assert not result.timed_out and result.exit_code == 0 and result.exit_signal is None


def test_isolation_layers_are_reported() -> None:
    result = run("pass")
    assert {"process-group", "rlimits", "workdir", "scrubbed-env", "no-new-privs", "seccomp"} <= set(result.isolation)
    if _landlock.ABI_VERSION >= 1:
        assert "landlock-fs" in result.isolation
    if _landlock.ABI_VERSION >= 4:
        assert "landlock-tcp" in result.isolation
    if _landlock.ABI_VERSION >= 6:
        assert "landlock-signal" in result.isolation
    assert not any(layer.startswith("warning") for layer in result.isolation)


def test_threads_and_numpy_still_work() -> None:
    result = run("""
        import threading
        import numpy as np
        seen = []
        workers = [threading.Thread(target=seen.append, args=(i,)) for i in range(4)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        a = np.random.default_rng(0).random((300, 300))
        print("THREADS", len(seen), "PRODUCT", (a @ a).shape[0])
    """)
    assert result.ok, result.stderr
    assert "THREADS 4 PRODUCT 300" in result.stdout


def test_numpy_blas_runs_one_thread_per_job() -> None:
    result = run("""
        import ctypes, glob, os
        import numpy
        libs = glob.glob(os.path.join(os.path.dirname(numpy.__file__) + ".libs", "*openblas*"))
        library = ctypes.CDLL(libs[0]) if libs else None
        getter = library and getattr(library, "scipy_openblas_get_num_threads64_", None)
        print("BLAS_THREADS", getter() if getter else "unknown")
    """)
    assert result.ok, result.stderr
    if "unknown" in result.stdout:
        pytest.skip("this numpy bundles no scipy-openblas")
    assert line_value(result.stdout, "BLAS_THREADS") == "1"


def test_script_can_use_its_working_directory() -> None:
    result = run("""
        import os, tempfile
        with open("recorder.out", "w") as stream:
            stream.write("42")
        os.makedirs("sub/dir")
        with tempfile.NamedTemporaryFile("w", delete=False) as scratch:
            scratch.write("x")
        print("READ", open("recorder.out").read())
        print("CWD", os.getcwd())
    """)
    assert result.ok, result.stderr
    assert "READ 42" in result.stdout
    workdir = line_value(result.stdout, "CWD")
    assert not os.path.exists(workdir), "the working directory is removed after the job"


# --------------------------------------------------------------------------- error details

def test_opensees_error_message_comes_from_c_level_stderr() -> None:
    code = TWO_NODE_MODEL.replace('print("EIGEN", eigenvalues[0])\n',
                                  'ops.element("elasticBeamColumn", 2, 2, 3, 0.01, 2.0e11, 1.0e-4, 1)\n')
    result = run_untrusted(code)
    assert not result.ok
    assert result.error_type == "OpenSeesError"
    assert "no Node 3 exists" in result.error_message
    assert "See stderr output" not in result.error_message
    assert result.error_line == 11
    assert result.error_line_text.startswith('ops.element("elasticBeamColumn", 2, 2, 3')


def test_syntax_error_reports_its_line() -> None:
    result = run_untrusted("x = 1\ny = 2\nif x >:\n    pass\n")
    assert result.error_type == "SyntaxError"
    assert result.error_line == 3
    assert result.error_line_text == "if x >:"


def test_runtime_error_reports_innermost_line_in_the_script() -> None:
    result = run("""
        def storey_height(n):
            return 3.0 / n

        heights = [storey_height(n) for n in (2, 1, 0)]
    """)
    assert result.error_type == "ZeroDivisionError"
    assert result.error_line == 3
    assert result.error_line_text == "return 3.0 / n"


# --------------------------------------------------------------------------- limits

def test_infinite_loop_times_out() -> None:
    limits = SandboxLimits(timeout_s=1.0, cpu_s=60)
    started = time.monotonic()
    result = run("""
        import time
        while True:
            time.sleep(0.001)
    """, limits=limits)
    elapsed = time.monotonic() - started
    assert result.timed_out and result.error_type == "Timeout"
    assert result.exit_signal == signal.SIGKILL
    assert elapsed < limits.timeout_s + 3
    assert result.error_line in (3, 4)  # where it was looping, from faulthandler's dump


def test_cpu_burn_is_stopped_by_the_cpu_limit() -> None:
    started = time.monotonic()
    result = run("while True:\n    pass\n", limits=SandboxLimits(cpu_s=1, timeout_s=20))
    assert time.monotonic() - started < 8
    assert result.cpu_time_exceeded and result.error_type == "CPUTimeExceeded"
    assert result.exit_signal == signal.SIGXCPU
    assert not result.timed_out


def test_a_longer_wall_clock_limit_raises_the_cpu_limit_unless_it_is_set() -> None:
    """A tall building's script may need 20 s of CPU: --timeout 120 must not leave a 10 s CPU limit."""
    assert SandboxLimits().cpu_s == 10 and SandboxLimits(timeout_s=2).cpu_s == 10
    assert SandboxLimits(timeout_s=120).cpu_s == 120 and SandboxLimits(timeout_s=30.5).cpu_s == 31
    assert SandboxLimits(timeout_s=120, cpu_s=5).cpu_s == 5
    result = run("import time\nt = time.process_time()\nwhile time.process_time() - t < 11.5:\n    pass\nprint('done')\n",
                 limits=SandboxLimits(timeout_s=30))
    assert result.ok and result.stdout.strip() == "done"


def test_memory_bomb_hits_the_memory_limit() -> None:
    result = run("""
        blocks = []
        while True:
            blocks.append(bytearray(64 * 2**20))
    """, limits=SandboxLimits(memory_mb=512))
    assert result.memory_exceeded and result.error_type == "MemoryError"
    assert result.error_line == 4


def test_numpy_memory_bomb_hits_the_memory_limit() -> None:
    result = run("import numpy as np\nbig = np.ones((60_000, 60_000))\n", limits=SandboxLimits(memory_mb=512))
    assert result.memory_exceeded and result.error_type == "MemoryError"
    assert result.error_line == 2


def test_huge_output_is_truncated_and_bounded() -> None:
    limits = SandboxLimits(max_output_bytes=50_000)
    result = run("""
        line = "x" * 999
        for _ in range(100_000):  # 100 MB
            print(line)
    """, limits=limits)
    assert result.output_truncated
    assert len(result.stdout) < limits.max_output_bytes + 200
    assert result.stdout.startswith("x" * 999 + "\n")
    assert "bytes omitted" in result.stdout
    assert result.error_type == "FileSizeExceeded"  # the capture file stops at file_size_mb


# --------------------------------------------------------------------------- processes

def test_fork_bomb_cannot_create_processes() -> None:
    result = run("""
        import os, time
        print("SESSION", os.getsid(0), flush=True)
        for _ in range(100):
            if os.fork() == 0:
                os.setsid()  # a real escape would leave the job's process group
                print("CHILD-RAN", flush=True)
                time.sleep(60)
                os._exit(0)
    """)
    assert result.error_type == "PermissionError"
    assert result.error_line == 5
    assert "CHILD-RAN" not in result.stdout
    assert processes_in_session(int(line_value(result.stdout, "SESSION"))) == []


def test_subprocess_and_exec_cannot_run_programs() -> None:
    result = run("""
        import os, subprocess
        try:
            os.execv("/bin/echo", ["echo", "EXEC-RAN"])
        except OSError as exc:
            print("EXEC", type(exc).__name__, flush=True)
        subprocess.Popen(["/bin/sh", "-c", "echo SUBPROCESS-RAN; sleep 60"])
    """)
    assert result.error_type == "PermissionError"
    assert result.error_line == 7
    assert "EXEC PermissionError" in result.stdout
    assert "RAN" not in result.stdout  # no program printed its marker


def test_os_system_raises_instead_of_returning_a_status(tmp_path: Path) -> None:
    """os.system reported the refusal as exit status 32512 and the script went on as if the command had run."""
    marker = tmp_path / "PWNED"
    result = run(f"""
        import os
        os.system("touch {marker}")
        print("WENT ON", flush=True)
    """)
    assert result.error_type == "PermissionError" and result.error_line == 3
    assert "no new processes" in (result.error_message or "")
    assert "WENT ON" not in result.stdout and not marker.exists()


def test_every_way_to_start_a_process_raises_and_seccomp_still_refuses_the_rest() -> None:
    result = run("""
        import ctypes, os, posix, subprocess
        attempts = {
            "os.system": lambda: os.system("true"), "posix.system": lambda: posix.system("true"),
            "os.popen": lambda: os.popen("true"), "os.fork": os.fork, "posix.fork": posix.fork,
            "os.forkpty": os.forkpty, "os.execv": lambda: os.execv("/bin/true", ["true"]),
            "os.spawnv": lambda: os.spawnv(os.P_WAIT, "/bin/true", ["true"]),
            "os.posix_spawn": lambda: os.posix_spawn("/bin/true", ["true"], {}),
            "subprocess.run": lambda: subprocess.run(["true"]),
            "subprocess.check_output": lambda: subprocess.check_output("true", shell=True),
        }
        for name, attempt in attempts.items():
            try:
                attempt()
                print("RAN", name, flush=True)
            except PermissionError as exc:
                print("REFUSED", name, exc.strerror, flush=True)
        libc = ctypes.CDLL(None, use_errno=True)  # around Python: the seccomp filter
        print("LIBC-FORK", libc.fork(), ctypes.get_errno(), flush=True)
    """)
    assert result.ok, result.stderr
    assert "RAN" not in result.stdout
    assert result.stdout.count("the sandbox allows no new processes") == 11
    assert "LIBC-FORK -1 1" in result.stdout  # EPERM
    assert "no-process-functions" in result.isolation


# --------------------------------------------------------------------------- call counting

def test_opensees_calls_are_counted_when_they_return() -> None:
    result = run(TWO_NODE_MODEL + textwrap.dedent("""\
        from openseespy.opensees import node as add_node
        add_node(3, 1.0, 3.0)
        try:
            ops.node(1, 0.0, 0.0)  # a duplicate tag: OpenSees refuses it
        except Exception:
            pass
        if False:
            ops.analyze(1)
    """), count_calls=("wipe", "model", "node", "eigen", "analyze", "recorder"),
                 after=sandbox_hooks.summarize_nodes, after_arg="counted")
    assert result.ok, result.stderr
    assert result.opensees_calls == {"wipe": 1, "model": 1, "node": 3, "eigen": 1, "analyze": 0, "recorder": 0}
    assert result.facts.node_tags == [1, 2, 3]  # the after hook ran on the real functions, uncounted
    assert run("pass").opensees_calls is None  # nothing asked, nothing counted


def test_call_counts_outlive_a_timeout_and_a_crash() -> None:
    start = "import openseespy.opensees as ops\nops.wipe()\nops.model('basic', '-ndm', 2)\n"
    timed_out, crashed = run_many([start + "while True:\n    pass\n", start + "import os\nos._exit(3)\n"],
                                  limits=SandboxLimits(timeout_s=1.0), count_calls=("wipe", "model", "node"))
    assert timed_out.timed_out and crashed.error_type == "SystemExit"
    assert timed_out.opensees_calls == crashed.opensees_calls == {"wipe": 1, "model": 1, "node": 0}


def test_script_cannot_kill_its_parent_or_the_caller() -> None:
    result = run(f"""
        import os, signal
        print("PARENT", os.getppid(), flush=True)
        for target in (os.getppid(), {os.getpid()}):
            try:
                os.kill(target, signal.SIGKILL)
                print("KILLED", target, flush=True)
            except OSError as exc:
                print("DENIED", target, exc.errno, flush=True)
    """)
    assert result.ok, result.stderr
    assert "KILLED" not in result.stdout
    assert result.stdout.count("DENIED") == 2
    os.kill(int(line_value(result.stdout, "PARENT")), 0)  # the zygote is alive (raises if not)
    assert run(TWO_NODE_MODEL).ok  # and the next job works


@pytest.mark.parametrize(("code", "error_type", "exit_code", "exit_signal"), [
    ("import sys\nsys.exit(3)\n", "SystemExit", 3, None),
    ("import os\nos._exit(7)\n", "SystemExit", 7, None),
    ("import os, signal\nos.kill(os.getpid(), signal.SIGKILL)\n", "Killed", None, signal.SIGKILL),
])
def test_exits_are_reported_not_raised(code: str, error_type: str, exit_code: int | None,
                                       exit_signal: int | None) -> None:
    result = run_untrusted(code)
    assert not result.ok
    assert (result.error_type, result.exit_code, result.exit_signal) == (error_type, exit_code, exit_signal)


def test_sys_exit_zero_is_a_normal_end() -> None:
    result = run_untrusted("import sys\nprint('done')\nsys.exit(0)\n")
    assert result.ok and result.stdout == "done\n"


def test_segfault_is_a_crash_with_signal_11() -> None:
    result = run_untrusted("import ctypes\nctypes.string_at(0)\n")
    assert result.error_type == "Crash"
    assert result.exit_signal == signal.SIGSEGV
    assert result.error_line == 2


# --------------------------------------------------------------------------- file system, environment, network

@needs_landlock
def test_writing_outside_the_working_directory_fails(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    outside.chmod(0o777)  # so that only the sandbox, not file permissions, can stop the write
    target = outside / "escaped.txt"
    result = run(f"""
        with open({str(target)!r}, "w") as stream:
            stream.write("escaped")
    """)
    assert result.error_type == "PermissionError"
    assert not target.exists()


@needs_landlock
def test_reading_files_outside_the_granted_folders_fails(tmp_path: Path) -> None:
    private = tmp_path / "private.txt"
    private.write_text("PRIVATE-CONTENT")
    private.chmod(0o644)
    result = run(f"print(open({str(private)!r}).read())")
    assert result.error_type == "PermissionError"
    assert "PRIVATE-CONTENT" not in result.stdout


def test_caller_environment_is_invisible() -> None:
    result = run(f"""
        import ctypes, os
        print("PARENT", os.getppid(), flush=True)
        print(dict(os.environ))
        libc = ctypes.CDLL(None)
        libc.getenv.restype = ctypes.c_char_p
        print("GETENV", libc.getenv(b"AUTOBM_SANDBOX_TEST_SECRET"), libc.getenv(b"PATH"))
        print("ZYGOTE_VARS", libc.getenv(b"PYTHONPATH"), libc.getenv(b"OPENBLAS_NUM_THREADS"))
        for path in ("/proc/self/environ", f"/proc/{{os.getppid()}}/environ", "/proc/1/environ",
                     "/proc/{os.getpid()}/environ"):
            try:
                with open(path, "rb") as stream:
                    print(path, stream.read())
            except OSError as exc:
                print(path, "unreadable", exc.errno)
    """)
    assert result.ok, result.stderr
    assert "GETENV None b'/usr/local/bin:/usr/bin:/bin'" in result.stdout
    assert SECRET not in result.stdout + result.stderr
    # The job's parent (the zygote) starts with a minimal environment: not the caller's secret,
    # but variables of its own (PYTHONPATH, OPENBLAS_NUM_THREADS) that the job must not see
    # either, so a failed scrub would show. The zygote zeroes the block /proc shows at start.
    parent = int(line_value(result.stdout, "PARENT"))
    with open(f"/proc/{parent}/environ", "rb") as stream:
        zygote_environment = stream.read()
    assert SECRET.encode() not in zygote_environment
    assert zygote_environment.strip(b"\0") == b""
    assert "ZYGOTE_VARS None None" in result.stdout
    assert "PYTHONPATH" not in result.stdout


def test_network_is_unreachable() -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.setblocking(False)
        port = listener.getsockname()[1]
        result = run(f"""
            import socket
            connection = socket.create_connection(("127.0.0.1", {port}), timeout=2)
        """)
        assert result.error_type == "PermissionError"
        with pytest.raises(BlockingIOError):
            listener.accept()  # nothing ever connected


# --------------------------------------------------------------------------- after hook, run_many, cost

def test_after_hook_reads_the_model_the_script_built() -> None:
    result = run_untrusted(TWO_NODE_MODEL, after=sandbox_hooks.summarize_nodes, after_arg="frame-A")
    assert result.ok and result.after_error is None
    assert isinstance(result.facts, sandbox_hooks.NodeSummary)
    assert result.facts == sandbox_hooks.NodeSummary(label="frame-A", node_tags=[1, 2], top_node_height_m=3.0)


def test_after_hook_is_not_fooled_by_a_script_patching_opensees() -> None:
    code = TWO_NODE_MODEL + textwrap.dedent("""\
        import autobm.agent.opensees as loader
        ops.getNodeTags = lambda: [99]
        loader.load_opensees = lambda: None
        load_opensees = None
    """)
    result = run_untrusted(code, after=sandbox_hooks.summarize_nodes, after_arg="patched")
    assert result.ok, result.stderr
    assert result.facts.node_tags == [1, 2]


def test_after_hook_runs_after_a_failed_script_and_its_errors_are_reported() -> None:
    failed = run_untrusted(TWO_NODE_MODEL + "raise RuntimeError('late failure')\n",
                           after=sandbox_hooks.summarize_nodes, after_arg="failed")
    assert failed.error_type == "RuntimeError" and failed.facts.node_tags == [1, 2]
    broken = run_untrusted(TWO_NODE_MODEL, after=sandbox_hooks.failing_hook)
    assert broken.ok and broken.facts is None
    assert broken.after_error == "ValueError: the hook failed on purpose"
    silent = run_untrusted(TWO_NODE_MODEL, after=sandbox_hooks.silent_memory_error)  # it said "MemoryError: " alone
    assert silent.after_error.startswith("MemoryError: no message: the memory limit, or a script")


def test_a_script_past_its_time_limit_is_stopped_and_the_model_it_built_inspected() -> None:
    code = TWO_NODE_MODEL + "step = 0\nwhile True:\n    step += 1\n"  # a transient loop that never ends
    result = run_untrusted(code, limits=SandboxLimits(timeout_s=1, inspect_after_timeout_s=3),
                           after=sandbox_hooks.summarize_nodes, after_arg="stopped")
    assert result.timed_out and result.error_type == "Timeout" and not result.ok
    assert result.error_line_text in ("while True:", "step += 1"), result.error_line_text
    assert f"stopped at line {result.error_line}" in result.error_message
    assert result.facts == sandbox_hooks.NodeSummary(label="stopped", node_tags=[1, 2], top_node_height_m=3.0)
    assert result.duration_s < 1 + 3


def test_a_sleeping_script_is_stopped_too_and_except_exception_does_not_swallow_the_stop() -> None:
    code = TWO_NODE_MODEL + textwrap.dedent("""\
        import time
        try:
            time.sleep(60)
        except Exception:
            print("caught")
    """)
    result = run_untrusted(code, limits=SandboxLimits(timeout_s=0.5), after=sandbox_hooks.summarize_nodes, after_arg="s")
    assert result.timed_out and result.facts.node_tags == [1, 2]
    assert result.error_line_text == "time.sleep(60)" and "caught" not in result.stdout


def test_a_script_that_swallows_the_stop_is_killed_when_its_inspection_time_is_over() -> None:
    code = TWO_NODE_MODEL + "while True:\n    try:\n        while True:\n            pass\n    except BaseException:\n        pass\n"
    result = run_untrusted(code, limits=SandboxLimits(timeout_s=0.5, inspect_after_timeout_s=0.5),
                           after=sandbox_hooks.summarize_nodes, after_arg="s")
    assert result.timed_out and result.error_type == "Timeout" and result.facts is None
    assert "it was not done 0.5 s later" in result.error_message
    assert 1.0 <= result.duration_s < 5


def test_a_stop_during_the_scripts_own_wipe_still_inspects_its_model() -> None:
    code = TWO_NODE_MODEL + "import time\nwhile True:\n    ops.wipe()\n" + textwrap.indent(TWO_NODE_MODEL, "    ")
    result = run_untrusted(code, limits=SandboxLimits(timeout_s=0.5), after=sandbox_hooks.summarize_nodes, after_arg="w")
    assert result.timed_out and result.after_error is None
    # the stop lands anywhere in the loop: in the wipe (the hook sees the model before it), or after it, between nodes
    assert result.facts is not None and result.facts.node_tags in ([1, 2], [1], [])


@pytest.mark.parametrize("hook, grace", [(None, 5.0), (sandbox_hooks.summarize_nodes, 0.0)])
def test_without_a_hook_or_inspection_time_a_script_is_killed_at_its_limit(hook: object, grace: float) -> None:
    result = run_untrusted(TWO_NODE_MODEL + "while True:\n    pass\n", after=hook, after_arg="k",
                           limits=SandboxLimits(timeout_s=0.5, inspect_after_timeout_s=grace))
    assert result.timed_out and result.facts is None and result.error_line_text in ("while True:", "pass")
    assert result.error_message == "the script ran longer than 0.5 s (wall clock) and was killed"


def test_run_many_preserves_order() -> None:
    codes = [f"import time\ntime.sleep({(8 - i) * 0.02})\nprint({i})\n" for i in range(8)]
    results = run_many(codes, workers=4)
    assert [r.stdout for r in results] == [f"{i}\n" for i in range(8)]
    assert all(r.ok for r in results)


def test_run_many_passes_one_after_arg_per_script() -> None:
    results = run_many([TWO_NODE_MODEL] * 3, after=sandbox_hooks.summarize_nodes, after_args=["a", "b", "c"])
    assert [r.facts.label for r in results] == ["a", "b", "c"]


def test_a_job_costs_milliseconds() -> None:
    run_untrusted("pass")  # the zygote is warm from here on
    durations = []
    for _ in range(10):
        started = time.monotonic()
        assert run_untrusted(TWO_NODE_MODEL).ok
        durations.append(time.monotonic() - started)
    mean_ms = 1000 * sum(durations) / len(durations)
    print(f"\nsandboxed job (2-node model + eigen): mean {mean_ms:.1f} ms, max {1000 * max(durations):.1f} ms")
    assert max(durations) < 2.0


def test_a_dead_zygote_is_replaced_by_the_next_job() -> None:
    first = run('import os\nprint("PARENT", os.getppid())')
    zygote = int(line_value(first.stdout, "PARENT"))
    os.kill(zygote, signal.SIGKILL)
    second = run('import os\nprint("PARENT", os.getppid())')
    assert second.ok, second.error_message
    assert int(line_value(second.stdout, "PARENT")) != zygote


def test_jobs_die_with_their_caller_and_leave_no_files(tmp_path: Path) -> None:
    caller = subprocess.Popen([sys.executable, "-c", textwrap.dedent("""
        from autobm.agent.sandbox import SandboxLimits, run_untrusted
        run_untrusted("import time\\ntime.sleep(60)", limits=SandboxLimits(timeout_s=60))
    """)], env={**os.environ, "TMPDIR": str(tmp_path)})
    try:
        deadline = time.monotonic() + 30
        jobs: list[int] = []
        while not jobs and time.monotonic() < deadline:  # caller -> zygote -> job
            time.sleep(0.05)
            zygotes = _children(caller.pid)
            jobs = [job for zygote in zygotes for job in _children(zygote)]
        assert jobs, "the job never started"
    finally:
        caller.kill()
        caller.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(job) for job in jobs):
        time.sleep(0.05)
    assert not any(_alive(job) for job in jobs), "the job outlived the process that started it"
    deadline = time.monotonic() + 10  # the zygote removes the job's folder when it sees its caller gone
    while time.monotonic() < deadline and (any(_alive(zygote) for zygote in zygotes) or list(tmp_path.iterdir())):
        time.sleep(0.05)
    assert not list(tmp_path.iterdir()), "a caller killed outright left files behind"


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stream:
                    if int(stream.read().rpartition(")")[2].split()[1]) == pid:
                        found.append(int(entry))
            except (FileNotFoundError, ProcessLookupError):
                pass
    return found


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stream:
            return stream.read().rpartition(")")[2].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_after_hook_in_main_module_is_refused() -> None:
    def hook(_arg: object) -> None:
        return None

    hook.__module__ = "__main__"
    hook.__qualname__ = "hook"
    with pytest.raises(TypeError, match="importable module"):
        run_untrusted("pass", after=hook)


def test_opensees_ending_the_process_with_exit_names_its_message_and_the_line() -> None:
    """A vertical column with vecxz along its axis: OpenSees prints its error and calls exit(255) from C++, past
    Python. It used to read 'exited with code 255 without reporting'; the job's C exit handler says where it was."""
    code = textwrap.dedent("""
        import openseespy.opensees as ops
        ops.wipe()
        ops.model('basic', '-ndm', 3, '-ndf', 6)
        ops.node(1, 0.0, 0.0, 0.0); ops.node(2, 0.0, 0.0, 3.0)
        ops.fix(1, 1, 1, 1, 1, 1, 1)
        ops.geomTransf('Linear', 1, 0.0, 0.0, 1.0)
        ops.element('elasticBeamColumn', 1, 1, 2, 0.25, 3e10, 1.2e10, 0.01, 0.005, 0.005, 1)
    """)
    result = run_untrusted(code)
    assert not result.ok and result.error_type == "OpenSeesExit"
    assert result.error_line == 8 and "parallel" in (result.error_message or "")
    # run-together warnings before a FATAL one (trusses between nodes of 3 and 2 DOFs): the FATAL message whole, and
    # the first warning from its start (the message was the tail of the last 400 characters, cut mid-word)
    mixed = textwrap.dedent("""
        import openseespy.opensees as ops
        ops.wipe()
        ops.model('basic', '-ndm', 2, '-ndf', 3)
        for k in range(4):
            ops.node(1 + k, 0.0, 3.0 * k)
        ops.fix(1, 1, 1, 1)
        ops.model('basic', '-ndm', 2, '-ndf', 2)
        for k in range(4):
            ops.node(11 + k, 6.0, 3.0 * k)
        ops.uniaxialMaterial('Elastic', 7, 3e10)
        for k in range(1, 4):
            ops.element('Truss', 900 + k, 1 + k, 11 + k, 1.0, 7)
        ops.eigen('-fullGenLapack', 1)
    """)
    said = run_untrusted(mixed).error_message or ""
    assert "FATAL" in said and "first: WARNING Truss::setDomain(): nodes 2 and 12" in said, said
    plain = run_untrusted("import os\nos._exit(3)\n")  # a script's own os._exit runs no exit handler: as before
    assert plain.error_type == "SystemExit" and plain.exit_code == 3


# --------------------------------------------------------------------------- spares that warm themselves

FIRST_LOOK = textwrap.dedent("""\
    import sys
    import openseespy.opensees as ops
    print("NODES_AT_START", len(ops.getNodeTags()))
    print("WARM_IN_MODULES", "__main__" in sys.modules and hasattr(sys.modules["__main__"], "tag"))
""") + TWO_NODE_MODEL.replace("ops.wipe()\n", "")


def _serial_jobs(count: int) -> list[ExecutionResult]:
    """Jobs one at a time with a pause between, as `autobm run` sends them: each spare has an idle core to warm on."""
    from autobm.agent.inspection import InspectionRequest, inspect_model

    results = []
    for _ in range(count):
        time.sleep(0.15)
        results.append(run_untrusted(FIRST_LOOK, after=inspect_model, after_arg=InspectionRequest(num_modes=1)))
    return results


def test_a_spare_that_warmed_itself_leaves_its_job_nothing_and_the_same_answers() -> None:
    """A spare forked ahead of its job builds, analyses and wipes a small model of autobm's (and runs the inspection on
    it) while a core is idle: the job finds an empty domain and a namespace of its own, and its script and its
    inspection give exactly what a process that did not warm gives."""
    from autobm.agent import sandbox

    sandbox.warm_spares(False)
    try:
        _serial_jobs(1)  # the spare forked after this job already knows
        cold = _serial_jobs(3)
    finally:
        sandbox.warm_spares(True)
    _serial_jobs(1)
    warm = _serial_jobs(6)
    assert not any(r.warm_start for r in cold)
    assert any(r.warm_start for r in warm), "no spare warmed itself: were both cores busy throughout?"
    for result in cold + warm:
        assert result.ok, result.stderr
        assert line_value(result.stdout, "NODES_AT_START") == "0"
        assert line_value(result.stdout, "WARM_IN_MODULES") == "False"
        assert result.facts.modal.periods_s == cold[0].facts.modal.periods_s
        assert line_value(result.stdout, "EIGEN") == line_value(cold[0].stdout, "EIGEN")


@pytest.mark.parametrize("loadavg, running", [("0.21 0.53 0.31 2/90 7665", 2), ("1.00 0.90 0.80 17/1203 99", 17)])
def test_the_running_tasks_are_read_from_loadavg(loadavg: str, running: int) -> None:
    from autobm.agent.sandbox import _running_tasks

    assert _running_tasks(loadavg) == running


def test_autobms_small_matrices_run_on_one_blas_thread_and_give_the_threads_back() -> None:
    import numpy  # noqa: F401  (its OpenBLAS loaded)

    from autobm.agent import blas

    controls = blas._controls()
    if not controls:
        pytest.skip("no OpenBLAS loaded")
    getter, setter = controls[0]
    setter(2)
    try:
        with blas.single_threaded():
            assert getter() == 1
        assert getter() == 2
    finally:
        setter(2)
