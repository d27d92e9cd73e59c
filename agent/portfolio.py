"""Building portfolios: read them (CSV, JSONL, Parquet) and summarise their results.

A portfolio has one building a row: an ``id`` and either a ``text`` description or spec
fields. Spec fields are BuildingSpec's names or ``complete_spec``'s convenience keys
(``stories``, ``story_height_m``, ``bays_x``, ``bay_width_m``, ...); nested fields are dotted
column names (``seismic.code``, ``seismic.intensity``) or, in JSONL and Parquet, nested
objects; a ``spec`` column may also hold the whole spec as a JSON object. In CSV an empty
cell means "not given", and a cell starting with ``[`` or ``{`` is read as JSON.

A row that cannot become a building (no id, a repeated id, a cell that is not valid
JSON, both text and spec fields) is kept as an invalid entry with its message, so that it
appears in the summary as a failed row and the rest of the portfolio goes on. Spec
validation itself happens when the building runs (the agent's parse step), with the same
messages as ``autobm run``.

``BuildingRow`` is one line of ``summary.csv``: status, the fundamental period computed
from the built model against the code's empirical formula, the largest story drift ratio
against its limit, the failed checks, who drafted, the repair rounds and the time taken,
and the checks that warned (a building beyond the code's height limit verifies, with a
warning a person should read).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field

from .checks import code_period_band
from .errors import SpecError
from .spec import PARTIAL_KEYS, BuildingSpec

__all__ = ["FORMATS", "BuildingRow", "PortfolioEntry", "building_row", "failed_row", "read_portfolio",
           "summary_csv", "write_summary_parquet"]

FORMATS = ("csv", "jsonl", "parquet")
ID_COLUMN = "id"
TEXT_COLUMNS = ("text", "description")
SPEC_COLUMN = "spec"
_EXTRA_SPEC_KEYS = {"bay_width_m", "bay_width_x_m", "bay_width_y_m"}
Status = Literal["verified", "failed", "invalid", "needs_input", "error"]


def spec_columns() -> set[str]:
    """Top-level names a spec column may have (nested ones are dotted: ``seismic.code``)."""
    return set(BuildingSpec.model_fields) | set(PARTIAL_KEYS) | _EXTRA_SPEC_KEYS


class PortfolioEntry(BaseModel):
    """One row of the input, ready to run (or already known to be invalid)."""

    row: int = Field(description="1-based row number in the input (after the CSV header)")
    id: str = Field("", description="the building's id as given ('' when missing)")
    key: str = Field(description="unique key of the entry: the id, or 'row:N' when the id is missing")
    folder: str = Field("", description="folder name under buildings/ (the id made safe for a file system)")
    text: str | None = None
    spec: dict[str, Any] | None = None
    problem: str | None = Field(None, description="why the row cannot run; None for a valid row")
    input_hash: str = Field(description="hash of the row's content: a changed row runs again on resume")


class BuildingRow(BaseModel):
    """One building of the portfolio summary (a row of summary.csv and summary.parquet)."""

    id: str
    row: int = Field(description="row number in the input")
    status: Status
    message: str = Field("", description="why it failed: failed checks, the error, or the question asked")
    system: str | None = None
    dimensions: int | None = None
    stories: int | None = None
    height_m: float | None = None
    code: str | None = Field(None, description="seismic code: gb50011, asce7 or en1998")
    t1_s: float | None = Field(None, description="fundamental period computed from the built model, s")
    t1_code_s: float | None = Field(None, description="fundamental period by the code's empirical formula, s")
    t1_code_low_s: float | None = Field(None, description="lower end of the code formula's band, s")
    t1_code_high_s: float | None = Field(None, description="upper end of the code formula's band, s")
    t1_compared_s: float | None = Field(None, description="T1 as period.code_formula compares it with the band (GB 50011: "
                                                          "reduced by ψT), s")
    max_drift_ratio: float | None = Field(None, description="largest story drift ratio under the code's lateral forces")
    drift_limit_ratio: float | None = Field(None, description="the code's story drift limit")
    failed_checks: list[str] = Field(default_factory=list)
    drafter: str | None = None
    rounds: int = Field(0, description="attempts after the first draft")
    model_calls: int = 0
    seconds: float = Field(0.0, description="wall-clock time of the building in its worker, s")
    thread_id: str | None = Field(None, description="the agent run: autobm traces show THREAD")
    warning_checks: list[str] = Field(default_factory=list, description="checks whose status is 'warning': facts a "
                                      "person should see that do not keep the building from verifying (e.g. "
                                      "code.height_limit, code.analysis_method)")
    warnings: str = Field("", description="the warning checks' messages, 'id: message' joined with '; '")
    input_hash: str = ""


# --- reading ---------------------------------------------------------------------------


def detect_format(path: Path, given: str | None = None) -> str:
    if given:
        if given not in FORMATS:
            raise SpecError(f"--format {given}: allowed {', '.join(FORMATS)}")
        return given
    suffix = path.suffix.lower().lstrip(".")
    fmt = {"csv": "csv", "jsonl": "jsonl", "ndjson": "jsonl", "parquet": "parquet", "pq": "parquet"}.get(suffix)
    if fmt is None:
        raise SpecError(f"{path.name}: cannot tell the format from the extension {path.suffix!r}: use .csv, .jsonl or "
                        f".parquet, or --format {{{','.join(FORMATS)}}}")
    return fmt


def read_portfolio(path: str | Path, fmt: str | None = None) -> list[PortfolioEntry]:
    """The buildings of a portfolio file; raises SpecError only when the file as a whole is unusable."""
    path = Path(path)
    fmt = detect_format(path, fmt)
    if not path.is_file():
        raise SpecError(f"portfolio {path}: no such file")
    if fmt == "csv":
        records = _read_csv(path)
    elif fmt == "jsonl":
        records = _read_jsonl(path)
    else:
        records = _read_parquet(path)
    entries = _entries(records)
    if not entries:
        raise SpecError(f"portfolio {path}: no buildings in it")
    return entries


def _read_text(path: Path) -> str:
    """The file as UTF-8 text (a byte-order mark dropped); SpecError for one that is not, saying how to convert it."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SpecError(f"portfolio {path}: cannot read it ({exc.strerror or exc})") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        where = f"byte 0x{data[exc.start]:02x} at offset {exc.start}, line {line}"
    try:
        data.decode("gb18030")
        guess = ("; it reads as GB18030/GBK, the encoding Excel on a Chinese Windows saves: convert it with "
                 f"`iconv -f GB18030 -t UTF-8 {path.name} > utf8-{path.name}`, or save it from Excel as \"CSV UTF-8\"")
    except UnicodeDecodeError:
        guess = (f": save it as UTF-8 (Excel: \"CSV UTF-8\"), or convert it with `iconv -f ENCODING -t UTF-8 {path.name} "
                 f"> utf8-{path.name}`")
    raise SpecError(f"portfolio {path}: not UTF-8 text ({where}){guess}")


def _read_csv(path: Path) -> list[dict[str, Any] | str]:
    text = _read_text(path)
    reader = csv.DictReader(io.StringIO(text))
    _check_columns(reader.fieldnames or [], path)
    records: list[dict[str, Any] | str] = []
    for raw in reader:
        record: dict[str, Any] = {}
        problems = []
        for column, cell in raw.items():
            if column is None:
                problems.append(f"{len(cell)} cell(s) more than the header has columns")
                continue
            try:
                value = _cell(column, cell)
            except ValueError as exc:
                problems.append(str(exc))
                continue
            if value is not None:
                record[column] = value
        if problems:  # the row is refused, under its own id
            record = {k: v for k, v in record.items() if k == ID_COLUMN} | {_PROBLEM: "; ".join(problems)}
        records.append(record)
    return records


_PROBLEM = "\0problem"
"""Key of a record that could not be read: its message (the id, where it was read, stays)."""


def _cell(column: str, cell: str | None) -> Any:
    """A CSV cell as a value: '' is absent; numbers, booleans and JSON lists/objects are typed."""
    if cell is None or not cell.strip():
        return None
    cell = cell.strip()
    if column == ID_COLUMN or column in TEXT_COLUMNS:
        return cell
    if cell[0] in "[{":
        try:
            return json.loads(cell)
        except json.JSONDecodeError as exc:
            raise ValueError(f"column {column}: {cell[:40]!r} is not valid JSON ({exc.msg})") from None
    if re.fullmatch(r"[+-]?\d+", cell):
        return int(cell)
    try:
        return float(cell)
    except ValueError:
        pass
    lowered = cell.lower()
    if lowered in ("true", "yes"):
        return True
    if lowered in ("false", "no"):
        return False
    return cell


def _read_jsonl(path: Path) -> list[dict[str, Any] | str]:
    """One record a line. A line with a key that is no spec field is one bad row (its id kept), not a bad file:
    unlike a CSV or Parquet column, a JSONL key belongs to its line only."""
    records: list[dict[str, Any] | str] = []
    for n, line in enumerate(_read_text(path).splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            records.append(f"line {n} is not valid JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(record, dict):
            records.append(f"line {n} is not a JSON object")
            continue
        unknown = _unknown_columns(record)
        if unknown:
            record = {k: v for k, v in record.items() if k == ID_COLUMN} | {
                _PROBLEM: f"line {n} has key(s) {', '.join(unknown)} that are not spec fields: {_allowed_columns()}"}
        records.append(record)
    return records


def _read_parquet(path: Path) -> list[dict[str, Any] | str]:
    import pyarrow.parquet as pq  # noqa: PLC0415

    try:
        table = pq.read_table(path)
    except Exception as exc:  # pyarrow raises several types for a damaged or foreign file  # noqa: BLE001
        raise SpecError(f"portfolio {path}: not a readable Parquet file ({exc})") from None
    _check_columns(table.column_names, path)
    return [{k: v for k, v in record.items() if v is not None} for record in table.to_pylist()]


def _unknown_columns(columns: Iterable[str]) -> list[str]:
    allowed = spec_columns()
    return [c for c in columns if c and c not in (ID_COLUMN, SPEC_COLUMN, *TEXT_COLUMNS)
            and c.split(".", 1)[0] not in allowed]


def _allowed_columns() -> str:
    return (f"allowed {ID_COLUMN}, {', '.join(TEXT_COLUMNS)}, {SPEC_COLUMN}, and the spec fields "
            f"{', '.join(sorted(spec_columns()))} (nested ones dotted, e.g. seismic.code); see autobm schema")


def _check_columns(columns: Iterable[str], path: Path) -> None:
    """A CSV or Parquet column that is no spec field: the file as a whole is refused (every row has the column)."""
    unknown = _unknown_columns(columns)
    if unknown:
        raise SpecError(f"portfolio {path.name}: column(s) {', '.join(unknown)} are not spec fields: {_allowed_columns()}")


def _entries(records: list[dict[str, Any] | str]) -> list[PortfolioEntry]:
    entries: list[PortfolioEntry] = []
    seen: dict[str, int] = {}
    folders: set[str] = set()
    for n, record in enumerate(records, 1):
        if isinstance(record, str):
            entries.append(PortfolioEntry(row=n, key=f"row:{n}", problem=f"row {n}: {record}", input_hash=_hash(record)))
            continue
        record = dict(record)
        unreadable = record.pop(_PROBLEM, None)
        raw_id = record.pop(ID_COLUMN, None)
        building_id = "" if raw_id is None else (str(int(raw_id)) if isinstance(raw_id, float) and raw_id.is_integer()
                                                 else str(raw_id).strip())
        text = next((record.pop(c) for c in TEXT_COLUMNS if c in record), None)
        for c in TEXT_COLUMNS:
            record.pop(c, None)
        spec, problem = _spec_of(record)
        content_hash = _hash({"id": building_id, "text": text, "spec": spec, "unreadable": unreadable})
        if unreadable:
            problem = unreadable
        if not building_id:
            problem = "no id: every building needs a unique value in the id column"
        elif building_id in seen:
            problem = f"id {building_id!r} repeats row {seen[building_id]}: ids must be unique"
        elif problem is None and text is None and not spec:
            problem = "neither a text description nor spec fields"
        elif problem is None and text is not None and spec:
            problem = f"both a text description and spec fields ({', '.join(sorted(spec))}): give one of them"
        elif problem is None and text is not None and not isinstance(text, str):
            problem = f"text = {text!r} is not a description"
        key = building_id if building_id and building_id not in seen else f"row:{n}"
        if building_id and building_id not in seen:
            seen[building_id] = n
        folder = _folder(building_id, folders) if key == building_id else ""
        entries.append(PortfolioEntry(row=n, id=building_id, key=key, folder=folder, text=text,
                                      spec=spec or None, problem=f"row {n}: {problem}" if problem else None,
                                      input_hash=content_hash))
    return entries


def _spec_of(record: Mapping[str, Any]) -> tuple[dict[str, Any], str | None]:
    """Columns → a (partial) spec dict: dotted names nest, a ``spec`` column is the spec itself."""
    spec: dict[str, Any] = {}
    whole = record.get(SPEC_COLUMN)
    if whole is not None:
        if isinstance(whole, str):
            try:
                whole = json.loads(whole)
            except json.JSONDecodeError as exc:
                return {}, f"column spec is not valid JSON ({exc.msg})"
        if not isinstance(whole, dict):
            return {}, "column spec must hold a JSON object of spec fields"
        spec.update(whole)
    for column, value in record.items():
        if column == SPEC_COLUMN:
            continue
        parts = column.split(".")
        target = spec
        for part in parts[:-1]:
            target = target.setdefault(part, {})
            if not isinstance(target, dict):
                return {}, f"column {column}: {part} is not an object"
        target[parts[-1]] = value
    return spec, None


def _folder(building_id: str, taken: set[str]) -> str:
    """The id as a folder name: letters, digits, '.', '-' and '_' kept, anything else '_' (plus a hash if changed)."""
    safe = re.sub(r"[^\w.-]", "_", building_id).strip(".") or "_"
    if safe != building_id or safe.lower() in taken:
        safe = f"{safe[:80]}-{hashlib.sha1(building_id.encode()).hexdigest()[:8]}"
    taken.add(safe.lower())
    return safe


def _hash(content: Any) -> str:
    return hashlib.sha256(json.dumps(content, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()[:16]


# --- one building's row ----------------------------------------------------------------


def failed_row(entry: PortfolioEntry, status: Status, message: str, seconds: float = 0.0,
               thread_id: str | None = None) -> BuildingRow:
    return BuildingRow(id=entry.id, row=entry.row, status=status, message=message, seconds=round(seconds, 4),
                       thread_id=thread_id, input_hash=entry.input_hash)


def building_row(entry: PortfolioEntry, result: Any, seconds: float) -> BuildingRow:
    """The summary row of a finished run (an AgentResult)."""
    spec: BuildingSpec = result.spec
    band = code_period_band(spec)
    drift = next((c for c in result.checks if c.id == "drift.limit" and c.status != "skipped"), None)
    failed = [c for c in result.checks if c.status == "failed"]
    warned = [c for c in result.checks if c.status == "warning"]
    message = "; ".join(f"{c.id}: {c.message}" for c in failed)
    if not result.execution.ok:
        message = f"{result.execution.error_type}: {result.execution.error_message}" + (f"; {message}" if message else "")
        if result.execution.timed_out:
            message += _timeout_hint(spec)
    return BuildingRow(
        id=entry.id, row=entry.row, status=result.status, message=message[:2000], system=spec.system,
        dimensions=spec.dimensions, stories=spec.stories, height_m=round(spec.height_m, 3), code=spec.seismic.code,
        t1_s=round(result.periods_s[0], 5) if result.periods_s else None,
        t1_code_s=round(band.nominal_s, 5) if band else None, t1_code_low_s=round(band.low_s, 5) if band else None,
        t1_code_high_s=round(band.high_s, 5) if band else None,
        t1_compared_s=next((c.value for c in result.checks if c.id == "period.code_formula"
                            and isinstance(c.value, float)), None),
        max_drift_ratio=drift.value if drift is not None and isinstance(drift.value, float) else None,
        drift_limit_ratio=drift.limit if drift is not None and isinstance(drift.limit, float) else None,
        failed_checks=[c.id for c in failed], drafter=result.drafter, rounds=getattr(result, "rounds", 0),
        model_calls=getattr(result, "model_calls", 0), seconds=round(seconds, 4),
        thread_id=getattr(result, "thread_id", None), warning_checks=[c.id for c in warned],
        warnings="; ".join(f"{c.id}: {c.message}" for c in warned)[:2000], input_hash=entry.input_hash)


LARGE_MODEL_DOFS = 10_000
"""Above this many DOFs, a script past its time limit is more likely slow than stuck (150 stories of a 5 x 5 bay
3D frame are 32,616 DOFs and run in about 6 s; eigen analyses on a poor system took minutes)."""


def _timeout_hint(spec: BuildingSpec) -> str:
    """For a large model whose script timed out: '; a large model (...): give a longer --timeout'; else ''."""
    levels = spec.stories + 1
    if spec.system == "shear_building":
        lines, ndf = 1, 3
    else:
        lines = (len(spec.bay_widths_x_m) + 1) * (len(spec.bay_widths_y_m) + 1 if spec.dimensions == 3 else 1)
        ndf = 6 if spec.dimensions == 3 else 3
    dofs = levels * lines * ndf
    if dofs < LARGE_MODEL_DOFS:
        return ""
    return (f"; a large model ({dofs:,} DOFs: {levels} levels x {lines} column lines x {ndf}): give a longer "
            "--timeout")


# --- summary files ---------------------------------------------------------------------

SUMMARY_COLUMNS = [name for name in BuildingRow.model_fields if name != "input_hash"]


def summary_csv(rows: list[BuildingRow]) -> str:
    """summary.csv: one row per building, failed and warning checks joined with ';'."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=SUMMARY_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for r in rows:
        record = r.model_dump(include=set(SUMMARY_COLUMNS))
        record["failed_checks"] = ";".join(r.failed_checks)
        record["warning_checks"] = ";".join(r.warning_checks)
        writer.writerow({k: "" if v is None else v for k, v in record.items()})
    return buf.getvalue()


def write_summary_parquet(rows: list[BuildingRow], path: Path) -> None:
    """summary.parquet with typed columns (failed_checks, warning_checks lists of strings), written atomically."""
    import pyarrow as pa  # noqa: PLC0415
    import pyarrow.parquet as pq  # noqa: PLC0415

    from .report import write_atomic  # noqa: PLC0415

    types = {"id": pa.string(), "row": pa.int64(), "status": pa.string(), "message": pa.string(),
             "system": pa.string(), "dimensions": pa.int64(), "stories": pa.int64(), "code": pa.string(),
             "failed_checks": pa.list_(pa.string()), "drafter": pa.string(), "rounds": pa.int64(),
             "model_calls": pa.int64(), "thread_id": pa.string(), "warning_checks": pa.list_(pa.string()),
             "warnings": pa.string()}
    schema = pa.schema([(name, types.get(name, pa.float64())) for name in SUMMARY_COLUMNS])
    table = pa.table({name: [getattr(r, name) for r in rows] for name in SUMMARY_COLUMNS}, schema=schema)
    buffer = pa.BufferOutputStream()
    pq.write_table(table, buffer)
    write_atomic(path, buffer.getvalue().to_pybytes())
