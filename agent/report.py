"""Outputs of a run: model.py, result.json, report.html (with pictures) and summary.md.

Pictures are drawn with matplotlib's Agg backend from ModelFacts (what OpenSees held),
not from the spec: the model as built, the first mode shapes, and the story drift
profile against the code limit. They are embedded in the HTML as PNG, so the report is
one file a person can mail. A description written in US units (ft, kip, psf, ksi) gets its
lengths, masses, forces and loads in US units too, beside the SI values autobm works in.
"""

from __future__ import annotations

import base64
import functools
import html
import io
import json
import os
import tempfile
import warnings
from pathlib import Path

from . import codes
from .checks import drift_limit
from .codes import G_M_PER_S2
from .facts import LateralFacts, ModelFacts
from .seismic import asce7_base_shear_coefficient, asce7_importance_factor
from .spec import SeismicInput
from .units import us_equivalent, written_in_us_units

_STATUS_COLOUR = {"passed": "#1a7f37", "failed": "#cf222e", "skipped": "#6e7781", "warning": "#9a6700"}


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write a file so that a reader never sees it half-written (temp file + rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = "wb" if isinstance(data, bytes) else "w"
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # as open() would make it (mkstemp makes 0600)
        with os.fdopen(fd, mode, **({} if isinstance(data, bytes) else {"encoding": "utf-8"})) as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


@functools.cache
def _umask() -> int:
    """The process's umask, read once (setting it to read it is not thread-safe; Linux also shows it in /proc)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except OSError:
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _png(fig) -> str:
    """The figure as base64 PNG. Text is laid out here: a glyph the font lacks is drawn as a box and matplotlib
    warns on stderr, through a batch's -q; the callers choose fonts or labels that have the glyphs."""
    buf = io.BytesIO()
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .*missing from", category=UserWarning)
        fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    import matplotlib.pyplot as plt

    plt.close(fig)
    return base64.b64encode(buf.getvalue()).decode("ascii")


def _plot_model(facts: ModelFacts) -> str:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    coords = {n.tag: n.coords_m for n in facts.nodes}
    translations = range(1, min(facts.ndm, facts.ndf) + 1)
    # supports: every translation fixed (a diaphragm master, fixed out of plane only, is none)
    fixed = [n for n in facts.nodes if all(d in n.fixed_dofs for d in translations)]
    # one collection of every element's polyline: a line artist each took most of a tall frame's run
    # (a 40-story 3D frame, 16 s of 18 s)
    dims = 3 if facts.ndm == 3 else 2
    segments = [pts for pts in ([coords[t][:dims] for t in e.nodes if t in coords] for e in facts.elements) if len(pts) >= 2]
    if facts.ndm == 3:
        from mpl_toolkits.mplot3d.art3d import Line3DCollection

        fig = plt.figure(figsize=(5.5, 5))
        ax = fig.add_subplot(projection="3d")
        if segments:
            ax.add_collection3d(Line3DCollection(segments, colors="#24292f", linewidths=0.9))
            points = [p for seg in segments for p in seg]
            for axis, setter in enumerate((ax.set_xlim, ax.set_ylim, ax.set_zlim)):
                low, high = min(p[axis] for p in points), max(p[axis] for p in points)
                pad = 0.05 * (high - low) or 0.5
                setter(low - pad, high + pad)
        if fixed:
            ax.scatter(*zip(*[n.coords_m for n in fixed]), marker="^", color="#cf222e", s=25, label="supports")
        ax.set_xlabel("X (m)")
        ax.set_ylabel("Y (m)")
        ax.set_zlabel("Z (m)")
    else:
        from matplotlib.collections import LineCollection

        fig, ax = plt.subplots(figsize=(5.5, 5))
        if segments:
            ax.add_collection(LineCollection(segments, colors="#24292f", linewidths=1.2))
            ax.autoscale_view()
        if fixed:
            ax.scatter(*zip(*[n.coords_m[:2] for n in fixed]), marker="^", color="#cf222e", s=40, label="supports", zorder=3)
        ax.set_xlabel("X (m)")
        ax.set_ylabel("Y (m)" if facts.vertical_axis == 1 else "Z (m)")
        ax.set_aspect("equal", adjustable="datalim")
    ax.set_title(f"Model: {len(facts.nodes)} nodes, {len(facts.elements)} elements")
    if fixed:
        ax.legend(loc="upper right")
    return _png(fig)


def floor_heights(facts: ModelFacts) -> list[float]:
    """The base (0) and each floor's height above it, m: the heights the mode shapes are drawn at.

    >>> from autobm.agent.facts import FloorFact
    >>> facts = ModelFacts(ndm=2, ndf=3, vertical_axis=1, nodes=[], elements=[], base_level_m=-2.0,
    ...                    floors=[FloorFact(level_m=3.0, nodes=[2], mass_kg=1.0)])
    >>> floor_heights(facts)  # a base at -2 m: the floor 3 m above it (it was drawn at 5 m)
    [0.0, 3.0]
    """
    return [0.0] + [f.level_m for f in facts.floors]  # FloorFact.level_m is above the base already


def _plot_modes(facts: ModelFacts, us: bool = False) -> str | None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    m = facts.modal
    if m is None or not m.periods_s:
        return None
    levels = floor_heights(facts)
    # the first mode along X and, in 3D, the first along Y (which may be mode 1): each with its period
    curves = [(axis, shape, m.first_mode(axis) or 0, style)
              for axis, shape, style in (("x", m.first_mode_shape_x, "-o"), ("y", m.first_mode_shape_y, "--s"))
              if shape and len(shape) == len(levels) - 1]
    if not curves:
        return None
    fig, ax = plt.subplots(figsize=(4.8, 5))
    for axis, shape, i, style in sorted(curves, key=lambda c: c[2]):
        if i < len(m.periods_s):
            ax.plot([0.0] + list(shape), levels, style, fillstyle="none",
                    label=f"mode {i + 1}: T = {m.periods_s[i]:.3f} s, along {axis.upper()}")
    ax.axvline(0, color="#6e7781", lw=0.8)
    ax.set_xlabel("lateral displacement along the mode's direction (roof = 1)")
    ax.set_ylabel("height (m)")
    if us:  # the description's units on the right
        ax.secondary_yaxis("right", functions=(lambda m_: m_ / 0.3048, lambda ft: ft * 0.3048)).set_ylabel("height (ft)")
    ax.set_title("Mode shapes")
    ax.legend(fontsize=8)
    return _png(fig)


def _plot_drifts(facts: ModelFacts, limit: float | None) -> str | None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    if not facts.lateral:
        return None
    fig, ax = plt.subplots(figsize=(4.8, 5))
    styles = [("-", "o"), ("--", "s")]  # X solid with dots, Y dashed with squares: both show where they coincide
    for lat, (ls, marker) in zip(facts.lateral, styles * len(facts.lateral)):
        # each story's drift ratio held over its height: floor j-1 to floor j
        drifts = lat.story_drift_ratios
        xs = [d for d in drifts for _ in (0, 1)]
        ys = [y for j in range(1, len(drifts) + 1) for y in (j - 1, j)]
        amplified = f", elastic x {lat.amplification:g}" if lat.amplification != 1 else ", elastic"
        (line,) = ax.plot(xs, ys, ls=ls, label=f"{lat.direction.upper()} direction{amplified}")
        ax.plot(drifts, [j - 0.5 for j in range(1, len(drifts) + 1)], marker, color=line.get_color(), fillstyle="none")
    if limit:
        ax.axvline(limit, color="#cf222e", ls="--", label=f"limit 1/{1 / limit:.0f}")
    ax.set_xlabel("story drift ratio (design drift: elastic x the code's amplification)")
    ax.set_ylabel("floor (each story's drift drawn over its height)")
    ax.set_title("Drift under the equivalent lateral forces")
    ax.legend(fontsize=8)
    return _png(fig)


def _fmt(value) -> str:
    """A value for a table: floats to 6 significant digits, lists item by item, None as blank."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.6g}"
    if isinstance(value, (list, tuple)):
        return ", ".join(_fmt(v) for v in value)
    return str(value)


_FIELD_UNITS = {"_m": "m", "_kg": "kg", "_pa": "Pa"}


def _cell(value, unit: str, us: bool) -> str:
    """A table value, with its US equivalent beside it when the description was written in US units."""
    text = _fmt(value)
    if not us:
        return text
    values = value if isinstance(value, (list, tuple)) else [value]
    extra = [us_equivalent(v, unit) for v in values]
    return f"{text} ({', '.join(extra)})" if extra and all(extra) else text


def _assumption_cell(field: str, value, us: bool) -> str:
    unit = next((u for suffix, u in _FIELD_UNITS.items() if field.endswith(suffix)), "")
    sections = value if isinstance(value, list) else [value]
    if us and sections and all(isinstance(v, dict) and "b_m" in v and "h_m" in v for v in sections):  # b x h sections
        return f"{_fmt(value)} ({'; '.join(us_equivalent(v['b_m'], 'm') + ' x ' + us_equivalent(v['h_m'], 'm') for v in sections)})"
    if us and sections and all(isinstance(v, dict) and "area_m2" in v and "inertia_m4" in v for v in sections):  # A, I
        us_values = ("A = " + us_equivalent(v["area_m2"], "m2") + ", I = " + us_equivalent(v["inertia_m4"], "m4")
                     for v in sections)
        return f"{_fmt(value)} ({'; '.join(us_values)})"
    return _cell(value, unit, us)


def _us(result) -> bool:
    return written_in_us_units(result.spec.source_text)


def _us_line(result) -> str:
    """Height and bays in US units, for a description written in them."""
    spec = result.spec
    parts = [f"H = {us_equivalent(spec.height_m, 'm')}",
             "story heights " + ", ".join(us_equivalent(h, "m") for h in spec.story_heights_m)]
    for axis, widths in (("X", spec.bay_widths_x_m), ("Y", spec.bay_widths_y_m)):
        if widths:
            parts.append(f"bays along {axis} " + ", ".join(us_equivalent(w, "m") for w in widths))
    return ("US units (the description's; autobm works in SI and shows both): " + "; ".join(parts) + ". "
            "Base shear in kip, masses as weights in kip, loads in psf.")


def asce7_design_base_shear(seismic: SeismicInput, system: str, period_s: float, weight_n: float, height_m: float,
                            stories: int) -> tuple[float, float, float, str]:
    """(V N, Cs, T s, what governs) at strength level: V = Cs·W, ASCE 7-22 12.8.1, Cs by 12.8.1.1 with the
    Eq. 12.8-5 minimum, at the computed period capped at Cu·Ta (12.8.2). The forces drift is computed under
    leave both out (12.8.6.1, 12.8.6.2); the design of the members does not.

    >>> s = SeismicInput(code="asce7", pga_g=0.4, sds_g=1.0, sd1_g=0.6, risk_category="II")
    >>> v, cs, t, why = asce7_design_base_shear(s, "steel_frame", 20.0, 1.0e6, 160.0, 40)
    >>> round(v), cs, round(t, 3), why
    (44000, 0.044, 5.877, 'Eq. 12.8-5 minimum (0.044 SDS Ie >= 0.01); T capped at Cu*Ta = 5.877 s')
    """
    sds, sd1 = float(seismic.sds_g or 0.0), float(seismic.sd1_g or 0.0)
    r, _, _ = codes.asce7_frame_coefficients(system, seismic.frame_type)
    ie = asce7_importance_factor(seismic.risk_category)
    cap_s = codes.empirical_period("asce7", system, height_m, stories, None, sd1).high_s
    t = min(period_s, cap_s)
    cs = asce7_base_shear_coefficient(sds, sd1, t, r, ie, s1_g=seismic.s1_g, tl_s=seismic.tl_s)
    spectral = asce7_base_shear_coefficient(sds, sd1, t, r, ie, minimum=False, tl_s=seismic.tl_s)
    if cs <= spectral:
        why = "Eq. 12.8-2" if spectral >= sds / (r / ie) else (
            "Eq. 12.8-4" if seismic.tl_s is not None and t > seismic.tl_s else "Eq. 12.8-3")
    elif seismic.s1_g is not None and seismic.s1_g >= 0.6 and cs <= 0.5 * seismic.s1_g / (r / ie):
        why = "Eq. 12.8-6 minimum (S1 >= 0.6 g)"
    else:
        why = "Eq. 12.8-5 minimum (0.044 SDS Ie >= 0.01)"
    if period_s > cap_s:
        why += f"; T capped at Cu*Ta = {cap_s:.3f} s"
    return cs * weight_n, cs, t, why


def _design_shear(result, lat: LateralFacts, weight_n: float) -> str:
    """The strength-level design base shear along lat's direction: ASCE 7 only; GB 50011 and EN 1998 check
    drift under their design forces, so the base shear beside it is the design one."""
    facts = result.facts
    if lat.code != "asce7":
        return "the same forces"
    if facts.modal is None or not facts.modal.periods_s or not facts.floors:
        return ""
    modal = facts.modal  # the period the lateral forces along this direction were computed at (inspection)
    index = modal.first_mode(lat.direction) or 0
    v, cs, t, why = asce7_design_base_shear(result.spec.seismic, result.spec.system, modal.periods_s[index], weight_n,
                                            facts.floors[-1].level_m, len(facts.floors))
    shear = f"{v / 1e3:,.1f} kN" + (f" ({us_equivalent(v, 'N')})" if _us(result) else "")
    return (f"{shear}, Cs = {cs:.5f} at T = {t:.4f} s ({why}; ASCE 7-22 12.8.1, 12.8.1.1, 12.8.2; "
            "the forces for member strength)")


def _lateral_rows(result) -> list[tuple[str, str, str, str, str, str, str]]:
    """Per direction of the equivalent lateral forces: direction, the base shear drift is computed under, its V/W,
    the strength-level design base shear, drift amplification, largest story drift ratio and the code's own notes
    (period used, coefficients, clauses). ASCE 7 computes drift under smaller forces than it designs for (no
    Eq. 12.8-5 minimum, 12.8.6.1; the computed period without the Cu·Ta cap, 12.8.6.2): both are shown."""
    facts = result.facts
    if facts is None or not facts.lateral:
        return []
    weight = facts.total_mass_kg * G_M_PER_S2
    floor_weight = sum(f.mass_kg for f in facts.floors) * G_M_PER_S2  # W of the lateral forces (the floors' masses)
    us = _us(result)
    rows = []
    for lat in facts.lateral:
        worst = max(lat.story_drift_ratios, default=0.0)
        shear = f"{lat.base_shear_n / 1e3:,.1f} kN"
        if us:
            shear += f" ({us_equivalent(lat.base_shear_n, 'N')})"
        if lat.code == "asce7":
            shear += " (no Eq. 12.8-5 minimum, 12.8.6.1; T without the Cu*Ta cap, 12.8.6.2)"
        rows.append((lat.direction.upper(), shear,
                     f"{lat.base_shear_n / weight:.4f}" if weight > 0 else "", _design_shear(result, lat, floor_weight),
                     f"{lat.amplification:g}", f"{worst:.5f} (1/{1 / worst:,.0f})" if worst > 0 else "0", lat.note))
    return rows


_LATERAL_HEADINGS = ("direction", "drift-level base shear", "V / W", "strength-level design base shear",
                     "drift amplification", "largest story drift", "period, coefficients, clauses")


def summary_markdown(result) -> str:
    """A short Markdown summary of a RunResult."""
    us = _us(result)
    lines = [f"# {result.spec.summary()}", "", f"**Status: {result.status}** (drafter: {result.drafter})", ""]
    if us:
        lines += [_us_line(result), ""]
    if result.periods_s:
        lines.append("Periods (s, computed from the built model): " + ", ".join(f"T{i + 1} = {t:.4f}" for i, t in enumerate(result.periods_s[:6])))
        lines.append("")
    lines += ["| check | status | value | limit | unit | clause |", "|---|---|---|---|---|---|"]
    for c in result.checks:
        lines.append(f"| {c.id} | {c.status} | {_cell(c.value, c.unit, us)} | {_cell(c.limit, c.unit, us)} | {c.unit} | {c.clause} |")
    failed = [c for c in result.checks if c.status == "failed"]
    if failed:
        lines += ["", "## What failed", ""] + [f"- **{c.id}**: {c.message}" for c in failed]
    lateral = _lateral_rows(result)
    if lateral:
        lines += ["", "## Equivalent lateral forces (autobm's analysis of the built model)", "",
                  "| " + " | ".join(_LATERAL_HEADINGS) + " |", "|" + "---|" * len(_LATERAL_HEADINGS)]
        lines += [f"| {' | '.join(row)} |" for row in lateral]
    if result.assumptions:
        lines += ["", "## Assumptions (values the description did not give)", ""]
        lines += [f"- `{a.field}` = {_assumption_cell(a.field, a.value, us)}: {a.reason}" for a in result.assumptions]
    if result.modelling_assumptions:
        lines += ["", "## Modelling assumptions", ""] + [f"- {a}" for a in result.modelling_assumptions]
    return "\n".join(lines) + "\n"


def report_html(result) -> str:
    """A self-contained HTML report with the model, the mode shapes and the drift profile."""
    esc = html.escape
    us = _us(result)
    pictures = []
    if result.facts is not None:
        for title, png in (("The model as OpenSees holds it", _plot_model(result.facts)),
                           ("First mode shapes", _plot_modes(result.facts, us)),
                           ("Story drift against the code limit", _plot_drifts(result.facts, drift_limit(result.spec).ratio))):
            if png:
                pictures.append(f'<figure><img alt="{esc(title)}" src="data:image/png;base64,{png}"><figcaption>{esc(title)}</figcaption></figure>')
    rows = "".join(
        f'<tr><td>{esc(c.id)}</td><td style="color:{_STATUS_COLOUR[c.status]};font-weight:600">{c.status}</td>'
        f"<td>{esc(_cell(c.value, c.unit, us))}</td><td>{esc(_cell(c.limit, c.unit, us))}</td>"
        f"<td>{esc(c.unit)}</td><td>{esc(c.clause)}</td><td>{esc(c.message)}</td></tr>"
        for c in result.checks)
    periods = ", ".join(f"T{i + 1} = {t:.4f} s" for i, t in enumerate(result.periods_s[:6]))
    assumptions = "".join(f"<li><code>{esc(a.field)}</code> = {esc(_assumption_cell(a.field, a.value, us))}: {esc(a.reason)}</li>"
                          for a in result.assumptions)
    lateral = "".join("<tr>" + "".join(f"<td>{esc(cell)}</td>" for cell in row) + "</tr>" for row in _lateral_rows(result))
    headings = "".join(f"<th>{esc(h)}</th>" for h in _LATERAL_HEADINGS)
    lateral = f"<h2>Equivalent lateral forces</h2><table><tr>{headings}</tr>{lateral}</table>" if lateral else ""
    modelling = "".join(f"<li>{esc(a)}</li>" for a in result.modelling_assumptions)
    colour = "#1a7f37" if result.status == "verified" else "#cf222e"
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>autobm: {esc(result.spec.summary())}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#24292f}}
table{{border-collapse:collapse;font-size:0.9em}}td,th{{border:1px solid #d0d7de;padding:4px 6px;vertical-align:top}}
figure{{display:inline-block;margin:0.5em}}img{{max-width:340px}}.status{{color:{colour};font-size:1.3em;font-weight:700}}</style>
</head><body>
<h1>{esc(result.spec.summary())}</h1>
<p class="status">{esc(result.status)}</p>
<p>Drafter: {esc(result.drafter)}. Periods computed from the built model: {esc(periods) or 'none'}.</p>
{f"<p>{esc(_us_line(result))}</p>" if us else ""}
<div>{''.join(pictures)}</div>
<h2>Checks</h2>
<table><tr><th>check</th><th>status</th><th>value</th><th>limit</th><th>unit</th><th>clause</th><th>message</th></tr>{rows}</table>
{lateral}
<h2>Assumptions</h2><ul>{assumptions}</ul>
<h2>Modelling assumptions</h2><ul>{modelling}</ul>
</body></html>
"""


def run_output_files(result, *, html_report: bool = True) -> dict[str, str]:
    """The outputs of a run by file name, in writing order: result.json last (it marks completion)."""
    payload = result.model_dump(mode="json", exclude={"facts"})
    payload["facts"] = result.facts.model_dump(mode="json", exclude={"nodes", "elements", "constraints"}) if result.facts else None
    files = {"model.py": result.code}
    if html_report:
        files["report.html"] = report_html(result)
    files["summary.md"] = summary_markdown(result)
    files["result.json"] = json.dumps(payload, indent=2, ensure_ascii=False)
    return files


def write_run_outputs(result, out_dir: str | os.PathLike, *, html_report: bool = True) -> dict[str, Path]:
    """Write model.py, result.json, report.html and summary.md into ``out_dir``, each atomically."""
    out = Path(out_dir)
    paths = {}
    for name, content in run_output_files(result, html_report=html_report).items():
        paths[name] = out / name
        write_atomic(paths[name], content)
    return paths
