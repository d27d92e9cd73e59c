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
