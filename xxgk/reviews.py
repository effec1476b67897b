"""What supervisors decide (issue 10): review decisions on findings (待核实 / 已通知 / 已整改 /
误报, with a comment, who and when), the agency a report the registry could not place belongs
to (待归属), and agencies they add to the registry.

They live in a small SQLite file beside the warehouse (``warehouse.reviews.sqlite``), not in
it: ingest swaps in a new warehouse file and the dashboard opens it read-only, while decisions
are written by many sessions (threads of one Streamlit process) and by other processes at once.
SQLite in WAL mode with a busy timeout gives every write its own short transaction across
threads and processes, needs nothing installed, and survives any re-ingest. A connection per
call: nothing is shared between threads. History is kept; the latest decision is the status.

A decision belongs to a finding *identity*, not to a report: the agency, the year, the rule and
the cells it names (for a finding naming no cell, its message with the numbers blanked). A newer
file of the same agency-year that still has the finding shows the same decision; where the
finding is gone, the decision is shown as closed (已关闭).

A placement belongs to a report *file* (its sha256): every ingest, of this warehouse or of a new
one beside this store, puts that file with that agency (xxgk/ingest.py reads them).
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pandas as pd

from xxgk.registry import RegistryAgency, added_agency
from xxgk.warehouse import load_query

STATUSES = ("待核实", "已通知", "已整改", "误报")
UNREVIEWED = STATUSES[0]
TIMEOUT_S = 30


def store_path(warehouse: Path) -> Path:
    """Where the decisions on a warehouse's findings are kept."""
    return warehouse.with_name(f"{warehouse.stem}.reviews.sqlite")


def finding_key(agency_id: str, year: int, rule: str, keys: Iterable[str] | None,
                message: str | None) -> str:
    """The same finding across files of one agency-year (see the module's note)."""
    cells = sorted(keys) if keys is not None else []
    what = ",".join(cells) if cells else re.sub(r"\d+(?:\.\d+)?", "#", message or "")
    return hashlib.sha256(f"{agency_id}|{year}|{rule}|{what}".encode()).hexdigest()[:24]


def keyed(findings: pd.DataFrame) -> pd.Series:
    """The finding key of every row of a findings frame (agency_id, year, rule, keys, message):
    the query's own (the warehouse macro finding_key, computed in DuckDB) when it has one."""
    if "finding_key" in findings:
        return findings["finding_key"].astype(object)
    return pd.Series([finding_key(r.agency_id, int(r.year), r.rule,
                                  list(r.keys) if r.keys is not None else None, r.message)
                      for r in findings.itertuples()], index=findings.index, dtype=object)


class Reviews:
    """The decision store of one warehouse."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        con = self._connect()
        try:
            con.execute("pragma journal_mode = wal")  # kept in the file: once is enough
            con.executescript(load_query("reviews/schema"))
        finally:
            con.close()

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        con = sqlite3.connect(self.path, timeout=TIMEOUT_S)
        con.execute(f"pragma busy_timeout = {TIMEOUT_S * 1000}")
        return con

    def decide(self, key: str, agency_id: str, year: int, rule: str, status: str, comment: str,
               editor: str) -> None:
        """Record a decision (an editor's; the caller checks who may write)."""
        if status not in STATUSES:
            raise ValueError(f"unknown status {status!r}")
        if not editor:
            raise PermissionError("a decision needs a signed-in editor")
        self._write("reviews/decide", {
            "finding_key": key, "agency_id": agency_id, "year": int(year), "rule": rule,
            "status": status, "comment": comment or "", "editor": editor, "decided_at": _now()})

    def latest(self, agency_ids: list[str], year_from: int, year_to: int) -> pd.DataFrame:
        """The latest decision per finding of these agencies (all when empty) and years."""
        con = self._connect()
        try:
            return pd.read_sql_query(load_query("reviews/latest"), con, params={
                "agency_ids": json.dumps(list(agency_ids)), "year_from": int(year_from),
                "year_to": int(year_to)})
        finally:
            con.close()


    def place(self, sha256: str, agency_id: str, editor: str) -> None:
        """Record that the report file ``sha256`` belongs to ``agency_id`` (an editor's)."""
        if not editor:
            raise PermissionError("placing a report needs a signed-in editor")
        self._write("reviews/place", {"sha256": sha256, "agency_id": agency_id, "editor": editor,
                                      "decided_at": _now()})

    def placements(self) -> pd.DataFrame:
        """The latest placement of every placed file: sha256, agency_id, editor, decided_at."""
        return self._read("reviews/placements")

    def add_agency(self, name: str, district: str | None, city: str | None,
                   province: str | None, editor: str) -> RegistryAgency:
        """Add an agency the registry lacks (kept for every later ingest); the same name and
        region again gives the same agency."""
        if not editor:
            raise PermissionError("adding an agency needs a signed-in editor")
        agency = added_agency(name, district, city, province)
        self._write("reviews/add_agency", {
            "agency_id": agency.agency_id, "name": agency.name, "kind": agency.kind,
            "level": agency.level, "district": agency.district, "city": agency.city,
            "province": agency.province, "editor": editor, "added_at": _now()})
        return agency

    def added_agencies(self) -> list[RegistryAgency]:
        """The agencies editors added, as registry agencies."""
        return [added_agency(r.name, r.district, r.city, r.province)
                for r in self._read("reviews/added_agencies").itertuples()]

    def _write(self, query: str, params: dict) -> None:
        con = self._connect()
        try:
            with con:  # one transaction
                con.execute(load_query(query), params)
        finally:
            con.close()

    def _read(self, query: str) -> pd.DataFrame:
        con = self._connect()
        try:
            frame = pd.read_sql_query(load_query(query), con)
        finally:
            con.close()
        return frame.astype(object).where(frame.notna(), None)


LOCAL_TIME = ZoneInfo("Asia/Shanghai")


def local_time(decided_at: str | None) -> str:
    """A stored UTC time as supervisors read it: Beijing time, to the minute."""
    if not decided_at or not isinstance(decided_at, str):
        return "—"
    moment = datetime.fromisoformat(decided_at)
    moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return moment.astimezone(LOCAL_TIME).strftime("%Y-%m-%d %H:%M")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def with_status(findings: pd.DataFrame, decisions: pd.DataFrame) -> pd.DataFrame:
    """``findings`` with finding_key, review_status (待核实 when undecided), review_comment,
    reviewed_by and reviewed_at."""
    out = findings.assign(finding_key=keyed(findings))
    latest = decisions.rename(columns={"status": "review_status", "comment": "review_comment",
                                       "editor": "reviewed_by", "decided_at": "reviewed_at"})
    out = out.merge(latest[["finding_key", "review_status", "review_comment", "reviewed_by",
                            "reviewed_at"]], on="finding_key", how="left")
    return out.assign(review_status=out.review_status.fillna(UNREVIEWED))


def closed(findings: pd.DataFrame, decisions: pd.DataFrame) -> pd.DataFrame:
    """Decisions on findings the current reports no longer have (fixed in a newer file)."""
    return decisions[~decisions.finding_key.isin(set(keyed(findings)))]
