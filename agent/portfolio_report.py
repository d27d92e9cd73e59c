"""report.html of a portfolio: what a person would rather look at than read.

Four pictures (matplotlib, embedded as PNG so the report is one file): the fundamental
period computed from each built model against its height, over the band of the code's
empirical formula for that building; the largest story drift ratio as a fraction of its
code limit; the failures by check; the slowest buildings. Then the counts, a table of
every building that did not verify, with its message, and a table of the buildings that
verified with warnings (checks with status ``warning``: beyond the code's height limit,
outside the scope of its equivalent lateral force method), with theirs.

Building ids label the slowest-buildings chart. An id the default font cannot draw (a
Chinese one, with no CJK font installed) is drawn in an installed font that has its
glyphs, or else replaced by its row number: never as empty boxes.
"""

from __future__ import annotations

import functools
import html
from collections import Counter

from .checks import PERIOD_ACCEPTED_HIGH, PERIOD_ACCEPTED_LOW
from .portfolio import BuildingRow
from .report import _png

STATUS_COLOURS = {"verified": "#1a7f37", "failed": "#cf222e", "invalid": "#9a6700", "needs_input": "#8250df",
                  "error": "#57606a"}


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def plot_periods(rows: list[BuildingRow]) -> str | None:
    """T1 from the model against height, each building's code band as a grey bar behind it."""
    ran = [r for r in rows if r.t1_s is not None and r.height_m is not None]
    if not ran:
        return None
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6.4, 4.6))
    banded = [r for r in ran if r.t1_code_low_s is not None]
    if banded:
        heights = [r.height_m for r in banded]
        ax.vlines(heights, [PERIOD_ACCEPTED_LOW * r.t1_code_low_s for r in banded], [PERIOD_ACCEPTED_HIGH * r.t1_code_high_s for r in banded],
                  color="#d0d7de", lw=3, alpha=0.6, label=f"accepted by period.code_formula ({PERIOD_ACCEPTED_LOW:g}x low to "
                                                          f"{PERIOD_ACCEPTED_HIGH:g}x high)")
        ax.vlines(heights, [r.t1_code_low_s for r in banded], [r.t1_code_high_s for r in banded],
                  color="#8c959f", lw=3, alpha=0.7, label="code formula band")
        ax.scatter(heights, [r.t1_code_s for r in banded], marker="_", color="#57606a", s=60, label="code formula")
    for status in ("verified", "failed"):
        pts = [r for r in ran if r.status == status]
        if pts:  # the period as the check compares it (GB 50011: ψT·T1), else the model's T1
            ax.scatter([r.height_m for r in pts], [r.t1_compared_s or r.t1_s for r in pts], s=14, color=STATUS_COLOURS[status],
                       label=f"T1 of the model ({status}; GB: ψT·T1)", zorder=3)
    ax.set_xlabel("height H (m)")
    ax.set_ylabel("fundamental period T1 (s)")
    ax.set_title("Period of each model against the code's empirical formula")
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    return _png(fig)


def plot_drifts(rows: list[BuildingRow]) -> str | None:
    """Largest story drift ratio / code limit against height; above 1 fails."""
    pts = [r for r in rows if r.max_drift_ratio is not None and r.drift_limit_ratio and r.height_m is not None]
    if not pts:
        return None
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6.4, 4.6))
    for status in ("verified", "failed"):
        sel = [r for r in pts if r.status == status]
        if sel:
            ax.scatter([r.height_m for r in sel], [r.max_drift_ratio / r.drift_limit_ratio for r in sel], s=14,
                       color=STATUS_COLOURS[status], label=status)
    ax.axhline(1.0, color="#cf222e", ls="--", label="code limit")
    ax.set_xlabel("height H (m)")
    ax.set_ylabel("max story drift ratio / limit")
    ax.set_title("Story drift under the code's lateral forces")
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    return _png(fig)


def failure_counts(rows: list[BuildingRow]) -> Counter[str]:
    """Buildings per failed check; rows that never ran count under their status."""
    counts: Counter[str] = Counter()
    for r in rows:
        if r.status in ("invalid", "needs_input", "error"):
            counts[f"({r.status})"] += 1
        counts.update(r.failed_checks)
    return counts


def plot_failures(rows: list[BuildingRow]) -> str | None:
    counts = failure_counts(rows)
    if not counts:
        return None
    plt = _pyplot()
    items = counts.most_common()[::-1]
    fig, ax = plt.subplots(figsize=(6.4, 0.9 + 0.32 * len(items)))
    ax.barh([k for k, _ in items], [v for _, v in items], color="#cf222e")
    ax.set_xlabel("buildings")
    ax.set_title("Failures by check")
    return _png(fig)


@functools.cache
def _fonts_with(chars: frozenset[str]) -> tuple[str, ...]:
    """Installed fonts (matplotlib family names) that have a glyph for every character of ``chars``:
    the default font first where it does, else e.g. Noto Sans CJK or WenQuanYi for Chinese ids."""
    from matplotlib import font_manager, ft2font, rcParams

    default = font_manager.findfont(font_manager.FontProperties(family=rcParams["font.family"]))
    found: list[str] = []
    for path in [default] + sorted({f.fname for f in font_manager.fontManager.ttflist} - {default}):
        try:
            font = ft2font.FT2Font(path)
        except (OSError, RuntimeError):  # a font file FreeType cannot open
            continue
        name = font_manager.FontProperties(fname=path).get_name()
        if name.startswith("Last Resort"):  # matplotlib's fallback font: a placeholder box for every code point
            continue
        if all(font.get_char_index(ord(c)) for c in chars):
            if path == default:
                return (name,)
            found.append(name)
    return tuple(found[:1])


def id_labels(rows: list[BuildingRow]) -> tuple[list[str], str | None]:
    """Each row's id as a chart label, and the font family to draw the labels in (None: the default).

    Ids whose characters no installed font has become ``row N``, so that no label is a row of boxes.
    """
    chars = frozenset(c for r in rows for c in r.id if not c.isascii())
    if not chars:
        return [r.id for r in rows], None
    fonts = _fonts_with(chars)
    if fonts:
        return [r.id for r in rows], fonts[0]
    return [r.id if r.id.isascii() else f"row {r.row}" for r in rows], None


def plot_slowest(rows: list[BuildingRow], n: int = 15) -> str | None:
    slowest = sorted((r for r in rows if r.seconds > 0), key=lambda r: r.seconds, reverse=True)[:n][::-1]
    if not slowest:
        return None
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6.4, 0.9 + 0.32 * len(slowest)))
    ids, font = id_labels(slowest)
    labels = [f"{i or f'row {r.row}'} ({r.stories or '?'} st, {r.dimensions or '?'}D)" for i, r in zip(ids, slowest)]
    ax.barh(range(len(slowest)), [r.seconds for r in slowest],
            color=[STATUS_COLOURS.get(r.status, "#57606a") for r in slowest])
    ax.set_yticks(range(len(slowest)), labels, **({"fontfamily": font} if font else {}))
    ax.set_xlabel("seconds in its worker")
    ax.set_title(f"The {len(slowest)} slowest buildings")
    return _png(fig)


def portfolio_html(rows: list[BuildingRow], *, source: str = "", seconds: float | None = None, ran: int | None = None) -> str:
    esc = html.escape
    counts = Counter(r.status for r in rows)
    total_s = sum(r.seconds for r in rows)
    pictures = []
    for title, png in (("Fundamental period against the code formula", plot_periods(rows)),
                       ("Story drift ratio against the code limit", plot_drifts(rows)),
                       ("Failures by check", plot_failures(rows)),
                       ("Slowest buildings", plot_slowest(rows))):
        if png:
            pictures.append(f'<figure><img alt="{esc(title)}" src="data:image/png;base64,{png}">'
                            f"<figcaption>{esc(title)}</figcaption></figure>")
    count_cells = "".join(f'<td style="color:{STATUS_COLOURS.get(s, "#24292f")}">{esc(s)}: <b>{n}</b></td>'
                          for s, n in sorted(counts.items()))
    bad = [r for r in rows if r.status != "verified"]
    bad_rows = "".join(
        f'<tr><td>{esc(r.id) or "(row " + str(r.row) + ")"}</td>'
        f'<td style="color:{STATUS_COLOURS.get(r.status, "#24292f")}">{esc(r.status)}</td>'
        f"<td>{esc(', '.join(r.failed_checks))}</td><td>{esc(r.message[:400])}</td></tr>" for r in bad[:500])
    more = f"<p>… and {len(bad) - 500} more in summary.csv.</p>" if len(bad) > 500 else ""
    warned = [r for r in rows if r.status == "verified" and r.warning_checks]
    warned_rows = "".join(
        f'<tr><td>{esc(r.id)}</td><td>{esc(", ".join(r.warning_checks))}</td><td>{esc(r.warnings[:600])}</td></tr>'
        for r in warned[:500])
    more_warned = f"<p>… and {len(warned) - 500} more in summary.csv.</p>" if len(warned) > 500 else ""
    if warned:
        count_cells += f'<td style="color:#9a6700">verified with warnings: <b>{len(warned)}</b></td>'
    timing = ("" if seconds is None or ran is None else f"This run: {ran} buildings in {seconds:.1f} s. " if ran
              else f"This run: nothing left to run, all {len(rows)} buildings were done before. ")
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>autobm portfolio: {esc(source)}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:1200px;margin:2em auto;padding:0 1em;color:#24292f}}
table{{border-collapse:collapse;font-size:0.9em}}td,th{{border:1px solid #d0d7de;padding:4px 6px;vertical-align:top}}
figure{{display:inline-block;margin:0.5em;vertical-align:top}}img{{max-width:560px}}</style>
</head><body>
<h1>Portfolio: {esc(source) or 'buildings'}</h1>
<table><tr><td>buildings: <b>{len(rows)}</b></td>{count_cells}</tr></table>
<p>{esc(timing)}Worker time over all buildings: {total_s:.1f} s. Every building: summary.csv, summary.parquet;
its model and result: buildings/ID/.</p>
<div>{''.join(pictures)}</div>
<h2>Buildings that did not verify ({len(bad)})</h2>
<table><tr><th>id</th><th>status</th><th>failed checks</th><th>message</th></tr>{bad_rows}</table>{more}
<h2>Buildings verified with warnings ({len(warned)})</h2>
<p>They pass every check; a warning is a fact a person should see before relying on the model (beyond the code's
height limit, outside the scope of its equivalent lateral force method).</p>
<table><tr><th>id</th><th>warning checks</th><th>message</th></tr>{warned_rows}</table>{more_warned}
</body></html>
"""
