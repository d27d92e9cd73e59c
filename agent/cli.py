"""The ``autobm`` command line.

Exit codes: 0 success (verified), 1 a check failed, 2 invalid input (a message on
stderr names the field and what is allowed; never a traceback).
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import sqlite3
import sys
import time
import uuid
from collections.abc import Sequence
from pathlib import Path

from .errors import AutobmError, SpecError


def _read_text(args: argparse.Namespace) -> str:
    if getattr(args, "file", None):
        try:
            return Path(args.file).read_text(encoding="utf-8")
        except OSError as exc:
            raise SpecError(f"--file {args.file}: cannot read it ({exc.strerror})") from None
    if not args.text:
        raise SpecError("give a description as TEXT or --file F")
    return " ".join(args.text)


def _cmd_parse(args: argparse.Namespace) -> int:
    from .parsing import parse_text
    from .spec import load_spec

    if getattr(args, "file", None):  # a JSON spec (complete or partial) is completed, a text parsed
        content = _read_spec_file(args.file, "--file")
        spec = load_spec(content) if isinstance(content, dict) else parse_text(content)
    else:
        spec = parse_text(_read_text(args))
    if args.json:
        print(json.dumps(spec.model_dump(mode="json"), ensure_ascii=False, indent=2))
        return 0
    print(spec.summary())
    print(f"  story heights (m): {', '.join(f'{h:g}' for h in spec.story_heights_m)}")
    if spec.bay_widths_x_m:
        print(f"  bays X (m): {', '.join(f'{w:g}' for w in spec.bay_widths_x_m)}")
    if spec.bay_widths_y_m:
        print(f"  bays Y (m): {', '.join(f'{w:g}' for w in spec.bay_widths_y_m)}")
    if spec.material:
        print(f"  E = {spec.material.elastic_modulus_pa / 1e9:g} GPa"
              + (f" ({spec.material.concrete_grade or spec.material.steel_grade})" if (spec.material.concrete_grade or spec.material.steel_grade) else ""))
    print(f"  seismic mass: {spec.total_mass_kg() / 1e3:,.1f} t")
    if spec.assumptions:
        print("assumptions (values the text did not give):")
        for a in spec.assumptions:
            print(f"  - {a.field} = {a.value}: {a.reason}")
    return 0


def _read_spec_file(spec_file: str, flag: str = "--spec-file") -> str | dict:
    """The content of a spec file: a dict for a JSON spec (complete or partial), else the description text."""
    try:
        content = Path(spec_file).read_text(encoding="utf-8")
    except OSError as exc:
        raise SpecError(f"{flag} {spec_file}: cannot read it ({exc.strerror})") from None
    if not (spec_file.endswith(".json") or content.lstrip().startswith("{")):
        return content
    try:
        data = json.loads(content)
    except json.JSONDecodeError as exc:
        raise SpecError(f"{flag} {spec_file}: not valid JSON (line {exc.lineno}: {exc.msg})") from None
    if not isinstance(data, dict):
        raise SpecError(f"{flag} {spec_file}: a JSON spec must be an object with BuildingSpec keys")
    return data


def _load_spec_arg(text: str | None, spec_file: str | None):
    """A spec from TEXT, or from a file holding JSON (complete or partial) or a description."""
    from .parsing import parse_text
    from .spec import load_spec

    if spec_file:
        content = _read_spec_file(spec_file)
        return load_spec(content) if isinstance(content, dict) else parse_text(content)
    if text:
        return parse_text(text)
    return None


def _limits(args: argparse.Namespace):
    from .sandbox import SandboxLimits

    if args.timeout is not None and not 0 < args.timeout <= 3600:
        raise SpecError(f"--timeout = {args.timeout}: allowed 0 < S <= 3600 seconds")
    return SandboxLimits(timeout_s=args.timeout) if args.timeout else SandboxLimits()


def _agent_options(args: argparse.Namespace):
    from autobm.graphs.api import AgentOptions

    if args.timeout is not None and not 0 < args.timeout <= 3600:
        raise SpecError(f"--timeout = {args.timeout}: allowed 0 < S <= 3600 seconds")
    if args.max_repairs is not None and not 0 <= args.max_repairs <= 20:
        raise SpecError(f"--max-repairs = {args.max_repairs}: allowed 0 to 20")
    return AgentOptions(model=_model_settings(args), max_repairs=3 if args.max_repairs is None else args.max_repairs,
                        fallback_to_reference=args.fallback, timeout_s=args.timeout or 30.0, db=args.db)


def _model_settings(args: argparse.Namespace):
    """ModelSettings from the drafting-model options (``_add_model_options``)."""
    from .models import ModelSettings

    try:
        return ModelSettings(model=args.model, base_url=args.base_url, api_key=args.api_key, model_path=args.model_path,
                             **({"temperature": args.temperature} if args.temperature is not None else {}),
                             **({"max_tokens": args.max_tokens} if args.max_tokens is not None else {}),
                             **({"timeout_s": args.model_timeout} if args.model_timeout is not None else {}),
                             **({"max_retries": args.model_retries} if args.model_retries is not None else {}))
    except ValueError as exc:  # pydantic's ValidationError names the field
        raise SpecError(_validation_lines(exc)) from None


def _validation_lines(exc: ValueError) -> list[str]:
    errors = getattr(exc, "errors", None)
    if not callable(errors):
        return [str(exc)]
    flag = {"model": "--model", "base_url": "--base-url", "api_key": "--api-key", "model_path": "--model-path",
            "temperature": "--temperature", "max_tokens": "--max-tokens"}
    return [f"{flag.get(str(e['loc'][0]), e['loc'][0]) if e['loc'] else 'model'}: {e['msg']}" for e in errors()]


class _Progress:
    """One line on stderr per step of the graph."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.t0 = time.perf_counter()

    def __call__(self, node: str, update: dict) -> None:
        if self.quiet:
            return
        line = self._describe(node, update or {})
        if line:
            print(f"  [{time.perf_counter() - self.t0:6.1f} s] {node:<8} {line}", file=sys.stderr, flush=True)

    @staticmethod
    def _describe(node: str, update: dict) -> str:
        if node == "parse":
            if update.get("status") == "invalid":
                return "invalid input"
            if update.get("question"):
                return "incomplete: a question for you"
            spec = update.get("spec")
            if not spec:
                return "incomplete: asking the drafting model"
            seismic = spec.get("seismic") or {}
            hazard = {"gb50011": f"GB 50011 intensity {seismic.get('intensity')} ({seismic.get('pga_g', 0):.2f}g)",
                      "asce7": f"ASCE 7 SDS {seismic.get('sds_g')} g, SD1 {seismic.get('sd1_g')} g",
                      "en1998": f"EN 1998 ag {seismic.get('pga_g')} g"}.get(seismic.get("code"), f"code {seismic.get('code')}")
            if any(a.get("field") == "seismic.code" for a in spec.get("assumptions") or []):
                hazard += (", assumed: the description gives no seismic input (say e.g. 'intensity 8 (0.20g)', "
                           "'SDS = 1.0 g, SD1 = 0.6 g' or 'EN 1998, ag = 0.25 g')")
            line = f"{spec.get('stories')} stories, {spec.get('system')}, {spec.get('dimensions')}D, {hazard}"
            if (update.get("sizing_factor") or 1.0) != 1.0:
                line += (f"; assumed sections enlarged ×{update['sizing_factor']:.3g} before the first run (a planar "
                         "frame analysis predicts them too soft)")
            return line
        if node == "ask":
            return "answer taken"
        if node in ("draft", "repair") and update.get("pending"):
            p = update["pending"]
            kind = {"reference": "reference drafter", "model": f"drafted by {p.get('drafter')}",
                    "deterministic": f"deterministic repair {p.get('repair')}: {p.get('description')}",
                    "sizing": p.get("description") or "sections enlarged", "fallback": "fallback: reference drafter"}
            extra = f" (no code: {p.get('problem')})" if p.get("source") == "model" and not p.get("code") else ""
            return kind.get(p.get("source"), p.get("source", "")) + extra
        if node == "repair":
            return "nothing left to try"
        if node == "execute":
            ex = update.get("execution")
            if ex is None:
                return "nothing to run"
            if ex.get("ok"):
                return f"ran in {ex.get('duration_s', 0):.2f} s"
            return f"{ex.get('error_type')}" + (f" at line {ex.get('error_line')}" if ex.get("error_line") else "")
        if node == "check":
            attempt = (update.get("attempts") or [{}])[-1]
            checks = attempt.get("result", {}).get("checks", [])
            failed = [c["id"] for c in checks if c.get("status") == "failed"]
            return f"{len(checks) - len(failed)} passed" + (f", failed: {', '.join(failed)}" if failed else "")
        if node == "finish":
            return f"status {update.get('status')}"
        return ""


def _cmd_run(args: argparse.Namespace) -> int:
    from autobm.graphs.api import Agent

    from .errors import ModelError, NeedsInput, ThreadBusy
    from .report import write_run_outputs
    from .units import written_in_us_units

    options = _agent_options(args)
    if args.answer is not None and not args.thread:
        raise SpecError("--answer needs --thread ID: the run that asked the question")
    text, spec = _run_input(args)
    Path(args.out).mkdir(parents=True, exist_ok=True)  # an --out that cannot be made is said before the run, not after
    progress = _Progress(args.quiet)
    thread = args.thread or uuid.uuid4().hex
    go_on = _go_on(args, thread)
    with Agent(options) as agent:
        if not args.quiet:
            print(f"autobm run: drafting with {agent.context.model_name()}", file=sys.stderr)
        try:
            if args.thread and text is None and spec is None:
                result = agent.resume(args.thread, args.answer, on_update=progress)
            else:
                result = agent.run(text, spec=spec, thread_id=thread, on_update=progress)
        except NeedsInput as exc:
            print(f"autobm run: the description is incomplete: {exc.question}\n"
                  f"answer with: {_go_on(args, exc.thread_id, answer=True)}", file=sys.stderr)
            return 2
        except ThreadBusy as exc:
            print(f"autobm run: {exc}\nonce it has ended, go on with: {go_on}", file=sys.stderr)
            return 2
        except ModelError as exc:
            then = f"\nonce it answers, go on with: {go_on}" if exc.thread_id else ""
            print(f"autobm run: {exc}{then}", file=sys.stderr)
            return 2
        except KeyboardInterrupt:
            then = f"; go on with: {go_on}"
            print(f"\nautobm run: interrupted{then}", file=sys.stderr)
            return 130
    paths = write_run_outputs(result, args.out)
    if args.json:
        print(paths["result.json"].read_text(encoding="utf-8"))
    else:
        print(f"status: {result.status}  (thread {result.thread_id}, drafter {result.drafter}, {result.rounds} repair rounds)")
        if result.periods_s:
            print("periods (s): " + ", ".join(f"{t:.4f}" for t in result.periods_s[:6]))
        us = written_in_us_units(result.spec.source_text)
        for c in result.checks:
            print(_check_line(c, us))
        print(f"wrote {', '.join(str(p) for p in paths.values())}")
    return 0 if result.status == "verified" else 1


class _BatchProgress:
    """A progress bar on stderr (rate, ETA, counts) and a line per failure as it happens.

    On a terminal the bar redraws in place; otherwise (a log file, CI) a line every 5 s.
    """

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.tty = sys.stderr.isatty()
        self.t0 = time.perf_counter()
        self.total = self.first = 0
        self.counts: dict[str, int] = {}
        self.last_line = 0.0

    def start(self, total: int, done: int) -> None:
        self.total, self.first = total, done
        self.t0 = time.perf_counter()
        if not self.quiet and done:
            rest = f"running the other {total - done}" if done < total else "nothing left to run"
            print(f"autobm batch: {done} of {total} buildings already done, {rest}", file=sys.stderr, flush=True)

    def __call__(self, row, done: int, total: int) -> None:
        self.counts[row.status] = self.counts.get(row.status, 0) + 1
        if self.quiet:
            return
        if row.status != "verified":
            what = ", ".join(row.failed_checks) or row.message
            self._clear()
            print(f"  {row.status.upper():<11} {row.id or f'(row {row.row})'}: {what[:160]}", file=sys.stderr, flush=True)
        now = time.perf_counter()
        if self.tty or now - self.last_line >= 5 or done == total:
            self.last_line = now
            self._draw(done, total, now)

    def _draw(self, done: int, total: int, now: float) -> None:
        ran, elapsed = done - self.first, now - self.t0
        width = 28
        filled = int(width * done / total) if total else width
        counts = " ".join(f"{k} {v}" for k, v in sorted(self.counts.items()))
        if elapsed >= 1.0 and ran:  # a rate over less than a second (bad rows come at once) says nothing
            rate = ran / elapsed
            eta = (total - done) / rate
            speed = f"{rate:5.1f} bldg/s  ETA {int(eta) // 3600}:{int(eta) // 60 % 60:02d}:{int(eta) % 60:02d}"
        else:
            speed = "    - bldg/s  ETA -:--:--"
        line = f"[{'#' * filled}{'.' * (width - filled)}] {done}/{total}  {speed}  {counts}"
        print(("\r" + line + "\x1b[K") if self.tty else line, end="" if self.tty else "\n", file=sys.stderr, flush=True)

    def _clear(self) -> None:
        if self.tty:
            print("\r\x1b[K", end="", file=sys.stderr)

    def finish(self) -> None:
        if self.tty and not self.quiet:
            print(file=sys.stderr)


def _cmd_batch(args: argparse.Namespace) -> int:
    from autobm.graphs.batch import BatchOptions, run_batch

    if args.workers is not None and args.workers < 1:
        raise SpecError(f"--workers = {args.workers}: allowed 1 or more")
    if args.limit is not None and args.limit < 1:
        raise SpecError(f"--limit = {args.limit}: allowed 1 or more")
    if args.address and args.engine != "ray":
        raise SpecError("--address is for --engine ray")
    options = BatchOptions(agent=_agent_options(args), workers=args.workers, engine=args.engine, address=args.address,
                           reports=args.reports, traces=not args.no_traces, limit=args.limit, format=args.format)
    progress = _BatchProgress(args.quiet)
    try:
        summary = run_batch(args.file, args.out, options, on_row=progress, on_start=progress.start)
    except KeyboardInterrupt:
        progress.finish()
        print(f"autobm batch: interrupted; what is done is kept and summarised in {args.out}. "
              "Run the same command again to finish the rest.", file=sys.stderr)
        return 130
    progress.finish()
    counts = summary.counts
    if summary.ran:
        rate = summary.ran / summary.seconds if summary.seconds else 0.0
        this_run = f"{summary.ran} run now in {summary.seconds:.1f} s, {rate:.1f} buildings/s"
    else:  # a resumed batch with nothing left: a rate of 0 buildings/s would read as a hang
        this_run = f"nothing left to run: all {len(summary.rows)} buildings were done before"
    print(f"{len(summary.rows)} buildings: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
          + f"  ({this_run})")
    print("wrote " + ", ".join(summary.outputs.values()) + f", {Path(args.out) / 'buildings'}/ID/")
    return 0 if counts.get("verified", 0) == len(summary.rows) else 1


def _run_input(args: argparse.Namespace) -> tuple[str | None, dict | None]:
    """(description, spec dict) from TEXT or --spec-file; (None, None) when only --thread is given."""
    if args.text and args.spec_file:
        raise SpecError("give either a description as TEXT or --spec-file F, not both")
    if args.spec_file:
        content = _read_spec_file(args.spec_file)
        return (None, content) if isinstance(content, dict) else (content, None)
    if args.text:
        return " ".join(args.text), None
    if args.thread:
        return None, None
    raise SpecError("give a description as TEXT or a spec with --spec-file F")


def _cmd_traces(args: argparse.Namespace) -> int:
    from autobm.training.traces import TraceStore, default_db_path, display_target

    target = args.db or default_db_path()
    if not str(target).startswith("postgres") and not Path(target).exists():
        raise SpecError(f"no trace store at {target}: give --db the file `autobm run` or `autobm batch` wrote "
                        "(default $AUTOBM_HOME/autobm.sqlite)")
    with TraceStore(target) as store:
        if args.traces_command == "list":
            if args.limit < 1:
                raise SpecError(f"--limit = {args.limit}: give at least 1 (the newest N runs)")
            runs = store.list_runs(limit=args.limit, status=args.status)
            if args.json:
                print(json.dumps([r.model_dump(mode="json") for r in runs], indent=2, ensure_ascii=False))
                return 0
            print(f"{'thread':<32} {'started':<19} {'status':<11} {'rounds':>6}  {'model':<24} text")
            for r in runs:
                started = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(r.started_at))
                print(f"{r.run_id:<32} {started:<19} {r.status:<11} {r.rounds:>6}  {r.model[:24]:<24} {(r.text or '')[:60]}")
            return 0
        trace = store.get_run(args.thread)
        if trace is None:
            raise SpecError(f"no trace {args.thread!r} in {display_target(args.db or default_db_path())}")
        if args.json:
            print(json.dumps(trace.model_dump(mode="json"), indent=2, ensure_ascii=False))
            return 0
        print(f"thread {trace.run_id}: {trace.status}, model {trace.model}, drafter {trace.drafter}, {trace.rounds} rounds")
        if trace.text:
            print(f"text: {trace.text}")
        for e in trace.events:
            detail = {k: v for k, v in e.payload.items() if k not in ("code", "spec", "messages", "text", "stdout", "stderr", "checks")}
            if e.kind == "checks":
                detail["failed"] = [c["id"] for c in e.payload.get("checks", []) if c.get("status") == "failed"]
            print(f"  {e.seq:>3} {e.node:<8} {e.kind:<10} {json.dumps(detail, ensure_ascii=False)[:160]}")
        return 0


def _check_line(c, us: bool = False) -> str:
    """``[ok  ] drift.limit: 0.001269 rad (limit 0.002 rad; GB 50011-2010 5.5.1)``, and the message on failure;
    with ``us``, the US equivalent of a length or mass beside it."""
    from .units import us_equivalent

    mark = {"passed": "ok  ", "failed": "FAIL", "skipped": "skip", "warning": "WARN"}[c.status]
    unit = f" {c.unit}" if c.unit else ""

    def shown(v: object) -> str:
        extra = us_equivalent(v, c.unit) if us and isinstance(v, (float, str)) else None
        return f"{_number(v)}{unit}" + (f" ({extra})" if extra else "")

    value = f" {shown(c.value)}" if c.value is not None else ""
    bound = [f"limit {shown(c.limit)}"] if c.limit is not None else []
    bound += [c.clause] if c.clause else []
    line = f"  [{mark}] {c.id}:{value}" + (f" ({'; '.join(bound)})" if bound else "")
    return line + (f"\n           {c.message}" if c.status != "passed" and c.message else "")


def _number(value: object) -> str:
    return f"{value:.4g}" if isinstance(value, float) else str(value)


def _cmd_check(args: argparse.Namespace) -> int:
    from .pipeline import check_scripts

    if args.spec and args.spec_file:
        raise SpecError("give either --spec TEXT or --spec-file F, not both")
    spec = _load_spec_arg(args.spec, args.spec_file)
    scripts = []
    for name in args.scripts:
        try:
            scripts.append((name, Path(name).read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError) as exc:
            raise SpecError(f"script {name}: cannot read it ({getattr(exc, 'strerror', None) or exc})") from None
    if args.workers is not None and args.workers < 1:
        raise SpecError(f"--workers = {args.workers}: allowed 1 or more")
    results = check_scripts(scripts, spec, limits=_limits(args), workers=args.workers)
    if args.json:
        print(json.dumps([r.model_dump(mode="json") for r in results], indent=2, ensure_ascii=False))
    else:
        for r in results:
            head = "PASS" if r.ok else "FAIL"
            periods = ", ".join(f"{t:.4f}" for t in r.periods_s[:3])
            print(f"{head} {r.script}" + (f"  T = {periods} s" if periods else "") + f"  ({r.duration_s:.2f} s)")
            for c in r.checks:
                if c.status == "failed":
                    print("  " + _check_line(c))
    return 0 if all(r.ok for r in results) else 1


def _cmd_eval(args: argparse.Namespace) -> int:
    from autobm.training.evaluate import (
        DEFAULT_TIMEOUT_S, default_bench_path, eval_limits, evaluate, format_report, load_bench, write_samples)

    bench = Path(args.bench) if args.bench else default_bench_path()
    if not args.bench and not bench.exists():
        raise SpecError(f"no bench given and the default one, {bench}, is not there: give --bench FILE (JSONL)")
    for flag, value in (("--workers", args.workers), ("--limit", args.limit), ("--concurrency", args.concurrency),
                        ("--draft-batch", args.draft_batch)):
        if value is not None and value < 1:
            raise SpecError(f"{flag} = {value}: allowed 1 or more")
    if args.timeout is not None and not 0 < args.timeout <= 3600:
        raise SpecError(f"--timeout = {args.timeout}: allowed 0 < S <= 3600 seconds")
    rows = load_bench(bench, limit=args.limit)
    t0 = time.perf_counter()

    def progress(done: int, total: int) -> None:
        if not args.quiet:
            print(f"  [{time.perf_counter() - t0:7.1f} s] {done}/{total} buildings", file=sys.stderr, flush=True)

    if not args.quiet:
        print(f"autobm eval: {len(rows)} buildings from {bench}", file=sys.stderr, flush=True)
    report = evaluate(rows, _model_settings(args), k=args.k, n=args.n, limits=eval_limits(args.timeout or DEFAULT_TIMEOUT_S),
                      workers=args.workers, concurrency=args.concurrency or 8, draft_batch=args.draft_batch or 8,
                      bench=str(bench), on_progress=progress)
    if args.out:
        write_samples(report, args.out)
    if args.json:
        print(json.dumps(report.model_dump(mode="json"), indent=2, ensure_ascii=False))
    else:
        print(format_report(report))
        if args.out:
            print(f"wrote {args.out}")
    return 0


def _cmd_reward(args: argparse.Namespace) -> int:
    from autobm.training.rewards.cli import reward_file

    return reward_file(args.file, workers=args.workers, timeout_s=args.timeout)


def _cmd_selfplay(args: argparse.Namespace) -> int:
    from autobm.training.selfplay import selfplay_command

    return selfplay_command(args, _agent_options(args), _BatchProgress(args.quiet))


def _cmd_export(args: argparse.Namespace) -> int:
    from autobm.training.datasets import export_command

    return export_command(args)


def _cmd_schema(args: argparse.Namespace) -> int:
    from .spec import spec_json_schema

    print(json.dumps(spec_json_schema(), indent=2, ensure_ascii=False))
    return 0


def _go_on(args: argparse.Namespace, thread: str, *, answer: bool = False) -> str:
    """The command that continues this run: its thread, the store, the model and the output folder it was given."""
    from .errors import masked_url

    words = ["autobm", "run", "--thread", thread] + (["--answer", "..."] if answer else [])
    for option, value in (("--db", args.db), ("--model", args.model), ("--model-path", args.model_path),
                          ("--base-url", masked_url(args.base_url) if args.base_url else None), ("--out", args.out)):
        if value:
            words += [option, value]
    if args.fallback:
        words.append("--fallback")
    return " ".join(shlex.quote(w) for w in words)


def _add_model_options(p: argparse.ArgumentParser, *, repairs: bool = True) -> None:
    """The drafting-model options, shared by run, batch and eval (eval has no repairs)."""
    g = p.add_argument_group("drafting model (default: the built-in reference drafter)")
    g.add_argument("--model", help="model name on an OpenAI-compatible server (with --base-url), "
                                   "or provider:model for any LangChain chat model (e.g. openai:gpt-4.1)")
    g.add_argument("--base-url", help="OpenAI-compatible server, e.g. vLLM's http://host:8000/v1")
    g.add_argument("--api-key", help="API key for --base-url (default: $OPENAI_API_KEY, or 'EMPTY')")
    g.add_argument("--model-path", help="a local transformers checkpoint directory (a GGUF file inside works too)")
    g.add_argument("--temperature", type=float, default=None, help="sampling temperature (default 0.6)")
    g.add_argument("--max-tokens", type=int, default=None, help="new tokens per answer (default 4096)")
    g.add_argument("--model-timeout", type=float, default=None,
                   help="the longest wait for one request to the model, s (default 600)")
    g.add_argument("--model-retries", type=int, default=None,
                   help="how often a failed request (HTTP error, timeout) is sent again (default 2)")
    if not repairs:
        return
    g.add_argument("--max-repairs", type=int, default=None, help="repair rounds that call the model (default 3)")
    g.add_argument("--fallback", action="store_true",
                   help="when the model's attempts are exhausted, use the reference drafter (recorded in the result)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="autobm", description="Building descriptions in words -> verified OpenSeesPy models.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("parse", help="parse a description into a building spec")
    p.add_argument("text", nargs="*", help="the description, e.g. '5-story RC frame, 3.5 m floors, ...'")
    p.add_argument("--file", "-f", help="read the description from this file (UTF-8), or a JSON spec to complete")
    p.add_argument("--json", action="store_true", help="print the spec as JSON")
    p.set_defaults(func=_cmd_parse)

    p = sub.add_parser("run", help="draft, run, inspect, check and repair a model of a building; write model.py, "
                                   "result.json, report")
    p.add_argument("text", nargs="*", help="the building description")
    p.add_argument("--spec-file", help="a spec as JSON (complete or partial) or a text description")
    p.add_argument("--out", "-o", default="autobm-out", help="output folder (default: autobm-out)")
    p.add_argument("--timeout", type=float, default=None, help="wall-clock limit per script run, s (default 30)")
    p.add_argument("--json", action="store_true", help="print result.json")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress lines on stderr")
    _add_model_options(p)
    g = p.add_argument_group("checkpoints and traces")
    g.add_argument("--db", help="SQLite file or postgresql:// URL (default: $AUTOBM_HOME/autobm.sqlite, "
                                "AUTOBM_HOME=~/.autobm)")
    g.add_argument("--thread", help="the run's id: continue that run (with --answer after a question)")
    g.add_argument("--answer", help="the answer to the question a run asked (with --thread)")
    p.set_defaults(func=_cmd_run)

    p = sub.add_parser("batch", help="run a portfolio of buildings (CSV, JSONL or Parquet) in parallel; resumable")
    p.add_argument("file", help="the portfolio: one building a row, an id and a text or spec fields as columns")
    p.add_argument("--out", "-o", required=True, help="output folder: buildings/ID/, summary.csv, summary.parquet, "
                                                       "report.html, journal.jsonl (run again to resume)")
    p.add_argument("--format", choices=("csv", "jsonl", "parquet"), help="default: from the file's extension")
    p.add_argument("--workers", "-j", type=int, default=None, help="buildings in parallel (default: CPU cores)")
    p.add_argument("--engine", choices=("local", "ray"), default="local",
                   help="local process pool (default), or Ray tasks: pip install 'autobm[ray]'")
    p.add_argument("--address", help="with --engine ray: the cluster to join (e.g. auto, ray://head:10001); "
                                     "default: a local Ray instance")
    p.add_argument("--limit", type=int, default=None, help="only the first N buildings")
    p.add_argument("--reports", action="store_true", help="also write report.html with pictures for every building")
    p.add_argument("--timeout", type=float, default=None, help="wall-clock limit per script run, s (default 30)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar, no failure lines")
    _add_model_options(p)
    g = p.add_argument_group("traces")
    g.add_argument("--db", help="trace store: SQLite file or postgresql:// URL (default: OUT/traces.sqlite)")
    g.add_argument("--no-traces", action="store_true", help="do not record the runs")
    p.set_defaults(func=_cmd_batch)

    p = sub.add_parser("traces", help="list and show recorded runs")
    tsub = p.add_subparsers(dest="traces_command", required=True)
    t = tsub.add_parser("list", help="the newest runs first")
    t.add_argument("--status", choices=("verified", "failed", "needs_input", "invalid", "running", "error", "interrupted"),
                   help="only runs with this status (error: the model did not answer; error and interrupted runs "
                        "go on with autobm run --thread ID)")
    t.add_argument("--limit", type=int, default=50, help="the newest N runs, N >= 1 (default 50)")
    t.add_argument("--db", help="SQLite file or postgresql:// URL (default as for run)")
    t.add_argument("--json", action="store_true")
    t.set_defaults(func=_cmd_traces)
    t = tsub.add_parser("show", help="one run with every event (prompts, completions, executions, checks, repairs)")
    t.add_argument("thread")
    t.add_argument("--db", help="SQLite file or postgresql:// URL (default as for run)")
    t.add_argument("--json", action="store_true", help="everything, full texts included")
    t.set_defaults(func=_cmd_traces)

    p = sub.add_parser("check", help="run OpenSeesPy scripts in the sandbox and check the models they build")
    p.add_argument("scripts", nargs="+", help="OpenSeesPy scripts (.py)")
    p.add_argument("--spec", help="the building the scripts should model, as a description (enables all checks)")
    p.add_argument("--spec-file", help="the building as a JSON spec or a text file")
    p.add_argument("--timeout", type=float, default=None,
                   help="wall-clock limit per script, s (default 10); a script past it is stopped and the model it "
                        "built checked (5 s more at most)")
    p.add_argument("--workers", type=int, default=None, help="scripts run in parallel (default: CPU cores)")
    p.add_argument("--json", action="store_true", help="JSON output, one object per script")
    p.set_defaults(func=_cmd_check)

    p = sub.add_parser("eval", help="evaluate a drafting model on a bench of buildings: Pass@k by execution, "
                                    "period and compliance (first drafts, no repair)")
    p.add_argument("--bench", help="the bench, JSONL: id, text and/or spec, ground_truth (default: "
                                   "training/data/autobm-bench-128.jsonl of the package)")
    p.add_argument("-k", type=int, default=5, help="k of Pass@k (default 5)")
    p.add_argument("--n", type=int, default=None, help="samples per building, >= k (default: k)")
    p.add_argument("--limit", type=int, default=None, help="only the first L buildings")
    p.add_argument("--workers", type=int, default=None, help="scripts run in parallel (default: CPU cores)")
    p.add_argument("--concurrency", type=int, default=None, help="model calls at once (default 8)")
    p.add_argument("--draft-batch", type=int, default=None,
                   help="with --model-path: samples drafted in one padded generate call (default 8)")
    p.add_argument("--timeout", type=float, default=None, help="wall-clock limit per script, s (default 30)")
    p.add_argument("--out", "-o", help="write per-sample results here (JSONL) to compare rounds")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress lines on stderr")
    _add_model_options(p, repairs=False)
    p.set_defaults(func=_cmd_eval)

    p = sub.add_parser("reward", help="MGHR reward of model completions in a JSONL file, one JSON line per row")
    p.add_argument("file", help="JSONL: completion, and spec (JSON) or text or prompt, optional ground_truth ({t1_s})")
    p.add_argument("--workers", type=int, default=None, help="scripts run in parallel (default: CPU cores)")
    p.add_argument("--timeout", type=float, default=None, help="wall-clock limit per script, inspection included, s (default 8)")
    p.set_defaults(func=_cmd_reward)

    from autobm.training.datasets import add_export_arguments
    from autobm.training.selfplay import add_selfplay_arguments

    p = sub.add_parser("selfplay", help="sample new buildings (never one of the held-out bench) with ground truth "
                                        "and run the agent over them, traced, for training data")
    add_selfplay_arguments(p)
    _add_model_options(p)
    p.set_defaults(func=_cmd_selfplay)

    p = sub.add_parser("export", help="training data from the trace store: sft, grpo or pairs (trl or verl)")
    add_export_arguments(p)
    p.set_defaults(func=_cmd_export)

    from autobm.training.train import add_train_parsers

    add_train_parsers(sub)

    p = sub.add_parser("schema", help="print the JSON Schema of the building spec")
    p.set_defaults(func=_cmd_schema)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except BrokenPipeError:  # `autobm traces list --json | head`: the reader has gone, not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit's flush
        return 0
    except SpecError as exc:
        print(f"autobm {args.command}: invalid input:\n{exc}" if len(exc.problems) > 1 else f"autobm {args.command}: {exc}", file=sys.stderr)
        return 2
    except AutobmError as exc:
        print(f"autobm {args.command}: {exc}", file=sys.stderr)
        return 2
    except sqlite3.DatabaseError as exc:  # --db names a file that is not a trace store, or one that cannot be opened
        print(f"autobm {args.command}: the trace store (--db {getattr(args, 'db', None) or 'default'}) cannot be used: "
              f"{exc} (give a new file name, or an autobm SQLite store)", file=sys.stderr)
        return 2
    except OSError as exc:  # an output folder that cannot be made or written
        if exc.filename is None:
            raise
        print(f"autobm {args.command}: cannot write {exc.filename}: {exc.strerror}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
