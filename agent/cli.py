"""The ``autobm`` command line.

Exit codes: 0 success (verified), 1 a check failed, 2 invalid input (a message on
stderr names the field and what is allowed; never a traceback).
"""

from __future__ import annotations

import argparse
import json
import sys
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


def _load_spec_arg(text: str | None, spec_file: str | None):
    """A spec from TEXT, or from a file holding JSON (complete or partial) or a description."""
    from .parsing import parse_text
    from .spec import load_spec

    if spec_file:
        try:
            content = Path(spec_file).read_text(encoding="utf-8")
        except OSError as exc:
            raise SpecError(f"--spec-file {spec_file}: cannot read it ({exc.strerror})") from None
        if spec_file.endswith(".json") or content.lstrip().startswith("{"):
            try:
                data = json.loads(content)
            except json.JSONDecodeError as exc:
                raise SpecError(f"--spec-file {spec_file}: not valid JSON (line {exc.lineno}: {exc.msg})") from None
            if not isinstance(data, dict):
                raise SpecError(f"--spec-file {spec_file}: a JSON spec must be an object with BuildingSpec keys")
            return load_spec(data)
        return parse_text(content)
    if text:
        return parse_text(text)
    return None


def _limits(args: argparse.Namespace):
    from .sandbox import SandboxLimits

    if args.timeout is not None and not 0 < args.timeout <= 3600:
        raise SpecError(f"--timeout = {args.timeout}: allowed 0 < S <= 3600 seconds")
    return SandboxLimits(timeout_s=args.timeout) if args.timeout else SandboxLimits()


def _cmd_run(args: argparse.Namespace) -> int:
    from .pipeline import run_spec
    from .report import write_run_outputs

    spec = _load_spec_arg(" ".join(args.text) if args.text else None, args.spec_file)
    if spec is None:
        raise SpecError("give a description as TEXT or a spec with --spec-file F")
    limits = _limits(args)
    print(f"autobm run: {spec.summary()}", file=sys.stderr)
    result = run_spec(spec, limits=limits)
    paths = write_run_outputs(result, args.out)
    if args.json:
        print(paths["result.json"].read_text(encoding="utf-8"))
    else:
        print(f"status: {result.status}")
        if result.periods_s:
            print("periods (s): " + ", ".join(f"{t:.4f}" for t in result.periods_s[:6]))
        for c in result.checks:
            print(_check_line(c))
        print(f"wrote {', '.join(str(p) for p in paths.values())}")
    return 0 if result.status == "verified" else 1


def _check_line(c) -> str:
    """``[ok  ] drift.limit: 0.001269 rad (limit 0.002 rad; GB 50011-2010 5.5.1)``, and the message on failure."""
    mark = {"passed": "ok  ", "failed": "FAIL", "skipped": "skip"}[c.status]
    unit = f" {c.unit}" if c.unit else ""
    value = f" {_number(c.value)}{unit}" if c.value is not None else ""
    bound = [f"limit {_number(c.limit)}{unit}"] if c.limit is not None else []
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


def _cmd_schema(args: argparse.Namespace) -> int:
    from .spec import spec_json_schema

    print(json.dumps(spec_json_schema(), indent=2, ensure_ascii=False))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="autobm", description="Building descriptions in words -> verified OpenSeesPy models.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("parse", help="parse a description into a building spec")
    p.add_argument("text", nargs="*", help="the description, e.g. '5-story RC frame, 3.5 m floors, ...'")
    p.add_argument("--file", "-f", help="read the description from this file (UTF-8)")
    p.add_argument("--json", action="store_true", help="print the spec as JSON")
    p.set_defaults(func=_cmd_parse)

    p = sub.add_parser("run", help="draft, run, inspect and check a model of a building; write model.py, result.json, report")
    p.add_argument("text", nargs="*", help="the building description")
    p.add_argument("--spec-file", help="a spec as JSON (complete or partial) or a text description")
    p.add_argument("--out", "-o", default="autobm-out", help="output folder (default: autobm-out)")
    p.add_argument("--timeout", type=float, default=None, help="wall-clock limit for running the model, s (default 10)")
    p.add_argument("--json", action="store_true", help="print result.json")
    p.set_defaults(func=_cmd_run)

    p = sub.add_parser("check", help="run OpenSeesPy scripts in the sandbox and check the models they build")
    p.add_argument("scripts", nargs="+", help="OpenSeesPy scripts (.py)")
    p.add_argument("--spec", help="the building the scripts should model, as a description (enables all checks)")
    p.add_argument("--spec-file", help="the building as a JSON spec or a text file")
    p.add_argument("--timeout", type=float, default=None, help="wall-clock limit per script, s (default 10)")
    p.add_argument("--workers", type=int, default=None, help="scripts run in parallel (default: CPU cores)")
    p.add_argument("--json", action="store_true", help="JSON output, one object per script")
    p.set_defaults(func=_cmd_check)

    p = sub.add_parser("schema", help="print the JSON Schema of the building spec")
    p.set_defaults(func=_cmd_schema)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except SpecError as exc:
        print(f"autobm {args.command}: invalid input:\n{exc}" if len(exc.problems) > 1 else f"autobm {args.command}: {exc}", file=sys.stderr)
        return 2
    except AutobmError as exc:
        print(f"autobm {args.command}: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
