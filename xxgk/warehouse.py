"""The DuckDB warehouse: schema, writing parsed reports, and running the SQL of queries/.

SQL lives only in queries/: ``load_query(name)`` reads a file that exists there (a bare name,
nothing else) and ``run_query(con, name, **params)`` binds ``$params``; values never enter SQL
text. The build files (queries/build/NN_*.sql) create the tables, views and metric macros.
"""

from __future__ import annotations

import hashlib
import re
import tempfile
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from xxgk.model import registry

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "queries"
DEFAULT_DB = ROOT / "data" / "warehouse.duckdb"
_NAME = re.compile(r"^[a-z0-9_]+(?:/[a-z0-9_]+)?$")
INSERTS = {"reports": "insert into reports select * from batch_rows",
           "report_values": "insert into report_values select * from batch_rows",
           "findings": "insert into findings select * from batch_rows",
           "narratives": "insert into narratives select * from batch_rows",
           "source_lines": "insert into source_lines select * from batch_rows",
           "report_sources": "insert or replace into report_sources select * from batch_rows"}
_PARAM = re.compile(r"\$([a-z_][a-z0-9_]*)")


@cache
def load_query(name: str) -> str:
    """The SQL of queries/NAME.sql (NAME may be 'checks/x' or 'build/00_x'); nothing else."""
    if not _NAME.match(name):
        raise ValueError(f"not a query name: {name!r}")
    path = QUERIES / f"{name}.sql"
    if not path.is_file():
        raise FileNotFoundError(f"no query {name!r} in {QUERIES}")
    return path.read_text(encoding="utf-8")


def query_params(name: str) -> set[str]:
    """The $parameters a query's body uses (comments excluded)."""
    body = "\n".join(line.split("--", 1)[0] for line in load_query(name).splitlines())
    return set(_PARAM.findall(body))


def _check_params(name: str, params: dict) -> None:
    """Extra or missing $parameters of a query are an error, never a silently unbound one."""
    wanted = query_params(name)
    if set(params) != wanted:
        raise TypeError(f"{name} takes {sorted(wanted)}, got {sorted(params)}")


def run_query(con: duckdb.DuckDBPyConnection, name: str, **params) -> pd.DataFrame:
    """Run one query of queries/ with its parameters bound; extra or missing ones are an error."""
    _check_params(name, params)
    cursor = _cursor(con)
    try:
        table = cursor.sql(load_query(name), params=params or None).to_arrow_table()
    finally:
        cursor.close()
    return _to_pandas(table)


def _to_pandas(table: pa.Table) -> pd.DataFrame:
    """A query's Arrow answer as pandas: through Arrow, text columns are made ~3× faster than
    by DuckDB's own ``df()`` (a 10^5-row findings list: 1.6 s → 0.6 s, issue 13); dates as
    ``datetime64[us]``, as ``df()`` gives them."""
    frame = table.to_pandas(date_as_object=False)
    for column, dtype in frame.dtypes.items():
        if pd.api.types.is_datetime64_dtype(dtype) and dtype != "datetime64[us]":
            frame[column] = frame[column].astype("datetime64[us]")
    return frame


def stream_query(con: duckdb.DuckDBPyConnection, name: str, batch_rows: int = 100_000,
                 **params) -> Iterator[pa.RecordBatch]:
    """Run one query of queries/ and hand its rows over in Arrow batches of ``batch_rows``: an
    answer of any size (every value of a province) in bounded memory."""
    _check_params(name, params)
    cursor = _cursor(con)
    try:
        reader = cursor.sql(load_query(name), params=params or None).to_arrow_reader(batch_rows)
        empty = True
        for batch in reader:
            empty = False
            yield batch
        if empty:  # no row: one empty batch still says the columns (an export's header)
            yield pa.RecordBatch.from_pylist([], schema=reader.schema)
    finally:
        cursor.close()


def execute_query(con: duckdb.DuckDBPyConnection, name: str, **params) -> list[tuple]:
    """Run a statement of queries/ on this connection (inside its transaction); its rows."""
    _check_params(name, params)
    return con.execute(load_query(name), params or None).fetchall()


def build_files() -> list[str]:
    return sorted(f"build/{p.stem}" for p in (QUERIES / "build").glob("*.sql"))


def schema_version() -> str:
    """The version of the schema this code builds: a digest of queries/build. A warehouse with
    another version is upgraded by any ingest (the dashboard runs one with no files)."""
    text = "".join(load_query(name) for name in build_files())
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def create_schema(con: duckdb.DuckDBPyConnection, materialise: bool = True) -> None:
    """Tables, views and macros, from queries/build in order; the key registry into value_keys;
    with ``materialise``, the fact tables written from what the warehouse holds (an ingest
    writes them once, at its end)."""
    for name in build_files():
        con.execute(load_query(name))
    if materialise:
        execute_query(con, "load/materialise_facts")
    execute_query(con, "load/set_schema_version", version=schema_version())
    con.execute("delete from value_keys")
    con.executemany("insert into value_keys values (?, ?, ?, ?)",
                    [(k.key, k.section, k.label_zh, sorted(k.templates))
                     for k in registry().values()])


READ_DUCKDB_MEMORY = "1GB"


@cache
def _spill_dir() -> str:
    """This process's own folder for what DuckDB spills (two processes never share one)."""
    return tempfile.mkdtemp(prefix="xxgk-duckdb-")


# a read-only connection attaches the warehouse file under the name "warehouse"
_USE_SNAPSHOT = "use warehouse"
_HAS_SNAPSHOT = "select count(*) from duckdb_databases() where database_name = 'warehouse'"


def connect(path: Path | str = DEFAULT_DB, read_only: bool = True) -> duckdb.DuckDBPyConnection:
    """A connection to the warehouse file; the dashboard only ever reads.

    Read-only connections are a fresh in-memory database with the file attached: DuckDB caches
    open databases by path, so ``duckdb.connect(path)`` after an ingest swapped a new file into
    place would hand back the old file while any connection to it is still open (issue 9).
    """
    if not read_only:
        return duckdb.connect(str(path))
    # capped: the dashboard's sessions and an export share one process; past the cap DuckDB
    # spills to disk (every value of 10^5 reports: 5.4 GB → 1.3 GB peak, 18 s → 20 s)
    con = duckdb.connect(config={"memory_limit": READ_DUCKDB_MEMORY, "temp_directory": _spill_dir()})
    con.execute("attach $path as warehouse (read_only)", {"path": str(path)})
    con.execute(_USE_SNAPSHOT)
    return con


def _cursor(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A cursor of ``con`` reading the same default database (a cursor starts in 'memory')."""
    cursor = con.cursor()
    ((attached,),) = cursor.execute(_HAS_SNAPSHOT).fetchall()  # all: no result left open
    if attached:
        cursor.execute(_USE_SNAPSHOT)
    return cursor


def report_id_of(sha256: str) -> str:
    return sha256[:16]


class Batch:
    """Rows for the raw tables, written in one go (row-by-row inserts are slow in DuckDB)."""

    def __init__(self) -> None:
        self.clear()

    def clear(self) -> None:
        self.reports: list[tuple] = []
        self.values: list[tuple] = []
        self.findings: list[tuple] = []
        self.narratives: list[tuple] = []
        self.lines: list[tuple] = []
        self.sources: list[tuple] = []

    def add_report(self, record: dict, agency_id: str, synthetic: bool) -> str:
        """Queue one parsed record (the parse-output contract); returns its report_id."""
        source = record["source"]
        rid = report_id_of(source["sha256"])
        self.reports.append((
            rid, agency_id, record["year"], record["template"], record["published_on"],
            source["format"], source["path"], source["sha256"], synthetic, None,
            datetime.now(UTC).replace(tzinfo=None), record.get("parser_version", ""),
            record["agency"], record["region"]))
        self.values += [(rid, k, float(v)) for k, v in record["values"].items()]
        self.add_findings(rid, record["findings"], scope="report")
        self.narratives += [(rid, s, t) for s, t in record["narrative"].items()]
        self.lines += [(rid, n, text) for n, text in enumerate(record.get("lines") or [], start=1)]
        return rid

    def add_source(self, report_id: str, collected: dict[str, str]) -> None:
        """Where the collector fetched a report (a row of its collected.csv)."""
        try:
            fetched = datetime.fromisoformat(collected.get("fetched_at") or "")
            fetched_at = fetched.astimezone(UTC).replace(tzinfo=None) if fetched.tzinfo else fetched
        except ValueError:
            fetched_at = None
        self.sources.append((report_id, collected.get("url") or "",
                             collected.get("source_url") or None, fetched_at))

    def add_findings(self, report_id: str, findings: Iterable[dict], scope: str) -> None:
        self.findings += [(report_id, f["rule"], f["severity"], f["message"],
                           list(f.get("keys") or []), f.get("where"), scope) for f in findings]

    def write(self, con: duckdb.DuckDBPyConnection) -> None:
        """Insert everything queued, one statement per table."""
        for table, rows, columns in (
                ("reports", self.reports, REPORT_COLUMNS),
                ("report_values", self.values, ["report_id", "key", "value"]),
                ("findings", self.findings, FINDING_COLUMNS),
                ("narratives", self.narratives, ["report_id", "section", "text"]),
                ("source_lines", self.lines, ["report_id", "line", "text"]),
                ("report_sources", self.sources, ["report_id", "url", "source_url", "fetched_at"])):
            if rows:
                con.register("batch_rows", pd.DataFrame(rows, columns=columns))
                try:
                    con.execute(INSERTS[table])
                finally:
                    con.unregister("batch_rows")
        self.clear()


REPORT_COLUMNS = ["report_id", "agency_id", "year", "template", "published_on", "format",
                  "source_path", "sha256", "synthetic", "superseded_by", "parsed_at",
                  "parser_version", "agency_printed", "region_printed"]
FINDING_COLUMNS = ["report_id", "rule", "severity", "message", "keys", "location", "scope"]
