"""Example building portfolios, generated reproducibly (a fixed seed, no downloads).

    python examples/portfolios/generate.py            # rewrites the example files beside this script
    python examples/portfolios/generate.py --n 1000 --out /tmp/p1000.csv

``portfolio(n, seed)`` gives ``n`` varied buildings of the kind an owner holds: mostly low
and mid-rise RC and steel moment frames, some idealised shear buildings; plane frames and
3D frames; GB 50011 (most), ASCE 7 and EN 1998 seismic inputs; described in English (SI
and US units) or in Chinese, or given as spec fields. The files written:

- ``portfolio-200.csv``: 200 buildings, text rows and spec-field rows mixed;
- ``portfolio-small.jsonl`` and ``portfolio-small.parquet``: 12 buildings with nested specs,
  two of them deliberately bad (a repeated id, a story count out of range).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
OCCUPANCY_EN = ("office", "residential", "school", "hospital", "retail")
OCCUPANCY_ZH = {"office": "办公楼", "residential": "住宅", "school": "教学楼", "hospital": "医院", "retail": "商场"}
GB_LEVELS = ((6, 0.05), (7, 0.10), (7, 0.15), (8, 0.20), (8, 0.30), (9, 0.40))
CSV_COLUMNS = ["id", "text", "system", "dimensions", "stories", "story_height_m", "first_story_height_m", "bays_x",
               "bays_y", "bay_width_x_m", "bay_width_y_m", "occupancy", "seismic.code", "seismic.intensity",
               "seismic.pga_g", "seismic.site_class", "seismic.sds_g", "seismic.sd1_g", "seismic.ground_type"]


def _stories(rng: random.Random) -> int:
    """Most portfolios are low and mid-rise: 1-6 stories two thirds of the time, up to 15."""
    return rng.choice((1, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 5, 6, 6, 6, 7, 8, 8, 9, 10, 12, 15))


def building(i: int, rng: random.Random) -> dict[str, Any]:
    """One building as a portfolio row: {'id', 'text'} or {'id', spec fields...}."""
    kind = rng.random()
    n = _stories(rng)
    system = "steel_frame" if rng.random() < 0.3 else "rc_frame"
    dims = 3 if rng.random() < 0.45 else 2
    bx, by = rng.choice((1, 2, 2, 3, 3, 4)), rng.choice((1, 2, 2, 3))
    width = rng.choice((5.4, 6.0, 6.6, 7.2, 8.0, 8.4, 9.0)) if system == "rc_frame" else rng.choice((7.5, 8.0, 9.0, 10.0))
    h = rng.choice((3.0, 3.3, 3.6, 3.9, 4.2))
    occupancy = rng.choice(OCCUPANCY_EN)
    bid = f"B{i + 1:05d}"
    if kind < 0.08:  # idealised shear building, in Chinese or English
        mass_t, k = rng.choice((80, 120, 150, 200, 300)), rng.choice((6e4, 8e4, 1.2e5, 2e5, 3e5))
        intensity, pga = rng.choice(GB_LEVELS)
        if rng.random() < 0.5:
            return {"id": bid, "text": f"{n}层剪切型结构，层高{h:g}m，楼层质量{mass_t}t，层间刚度{k:.0f}kN/m，{intensity}度({pga:.2f}g)"}
        return {"id": bid, "text": f"{n}-story shear building, {h:g} m stories, floor mass {mass_t} t, "
                                   f"story stiffness {k:.0f} kN/m, intensity {intensity} ({pga:.2f}g)"}
    if kind < 0.38:  # Chinese description, GB 50011
        intensity, pga = rng.choice(GB_LEVELS)
        site = rng.choice(("I1", "II", "II", "III", "IV"))
        kind_zh = "钢框架" if system == "steel_frame" else "钢筋混凝土框架"
        bays = f"X向{bx}跨、Y向{by}跨" if dims == 3 else f"{bx}跨，平面框架"
        return {"id": bid, "text": f"{n}层{kind_zh}，层高{h:g}m，{bays}，跨度{width:g}m，{intensity}度({pga:.2f}g)，"
                                   f"{site}类场地，{OCCUPANCY_ZH[occupancy]}"}
    if kind < 0.58:  # English, SI, GB 50011
        intensity, pga = rng.choice(GB_LEVELS)
        frame = "steel moment frame" if system == "steel_frame" else "RC frame"
        bays = f"{bx}x{by} bays of {width:g} m" if dims == 3 else f"{bx} bays of {width:g} m, plane frame"
        return {"id": bid, "text": f"{n}-story {frame}, {h:g} m floors, {bays}, intensity {intensity} ({pga:.2f}g), {occupancy}"}
    if kind < 0.72:  # English, US units, ASCE 7
        ft = rng.choice((12, 13, 14, 15))
        wft = rng.choice((20, 24, 25, 28, 30))
        sds, sd1 = rng.choice(((0.5, 0.2), (0.8, 0.4), (1.0, 0.6), (1.2, 0.7)))
        frame = "steel moment frame" if system == "steel_frame" else "RC frame"
        bays = f"{bx} bays at {wft} ft in x and {by} bays at {wft} ft in y" if dims == 3 else f"{bx} bays of {wft} ft"
        return {"id": bid, "text": f"{n}-story {frame}, story height {ft} ft, {bays}, SDS = {sds} g, SD1 = {sd1} g"}
    # spec fields as columns: GB, ASCE 7 or EN 1998
    row: dict[str, Any] = {"id": bid, "system": system, "dimensions": dims, "stories": n, "story_height_m": h,
                           "bays_x": bx, "bay_width_x_m": width, "occupancy": occupancy}
    if n > 2 and rng.random() < 0.3:
        row["first_story_height_m"] = h + 0.9
    if dims == 3:
        row["bays_y"] = by
        row["bay_width_y_m"] = rng.choice((width, 6.0, 7.2))
    code = rng.choice(("gb50011", "gb50011", "asce7", "en1998"))
    row["seismic.code"] = code
    if code == "gb50011":
        row["seismic.intensity"], row["seismic.pga_g"] = rng.choice(GB_LEVELS)
        row["seismic.site_class"] = rng.choice(("II", "III"))
    elif code == "asce7":
        row["seismic.sds_g"], row["seismic.sd1_g"] = rng.choice(((0.5, 0.2), (1.0, 0.6)))
    else:
        row["seismic.pga_g"] = rng.choice((0.1, 0.16, 0.25, 0.3))
        row["seismic.ground_type"] = rng.choice(("B", "C", "D"))
    return row


def portfolio(n: int, seed: int = 2026) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    return [building(i, rng) for i in range(n)]


def write_csv(rows: list[dict[str, Any]], path: Path) -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for r in rows:
            writer.writerow({k: r.get(k, "") for k in CSV_COLUMNS})


def nested(row: dict[str, Any]) -> dict[str, Any]:
    """Dotted keys → nested objects (the JSONL and Parquet layout)."""
    out: dict[str, Any] = {}
    for key, value in row.items():
        target = out
        *parents, leaf = key.split(".")
        for p in parents:
            target = target.setdefault(p, {})
        target[leaf] = value
    return out


def small(seed: int = 7) -> list[dict[str, Any]]:
    """12 buildings as nested records, two of them bad on purpose."""
    rows = [nested(r) for r in portfolio(10, seed)]
    rows.append({"id": rows[0]["id"], "text": "3-story RC frame, 3 bays of 6 m"})  # a repeated id
    rows.append({"id": "TOO-TALL", "stories": 400, "story_height_m": 3.0, "bays_x": 2, "bay_width_m": 6.0})
    return rows


def write_jsonl(rows: list[dict[str, Any]], path: Path) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def write_parquet(rows: list[dict[str, Any]], path: Path) -> None:
    """Text rows and spec rows side by side: one string column ``text`` and one JSON column ``spec``."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    records = [{"id": r["id"], "text": r.get("text"),
                "spec": json.dumps({k: v for k, v in r.items() if k not in ("id", "text")}, ensure_ascii=False)
                if "text" not in r else None} for r in rows]
    pq.write_table(pa.Table.from_pylist(records), path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, help="write one portfolio of N buildings to --out instead of the examples")
    parser.add_argument("--out", help="output file (.csv, .jsonl or .parquet) for --n")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    if args.n:
        if not args.out:
            parser.error("--n needs --out")
        rows = portfolio(args.n, args.seed)
        out = Path(args.out)
        {".csv": write_csv, ".jsonl": lambda r, p: write_jsonl([nested(x) for x in r], p),
         ".parquet": lambda r, p: write_parquet([nested(x) for x in r], p)}[out.suffix](rows, out)
        return
    write_csv(portfolio(200), HERE / "portfolio-200.csv")
    write_jsonl(small(), HERE / "portfolio-small.jsonl")
    write_parquet(small(), HERE / "portfolio-small.parquet")


if __name__ == "__main__":
    main()
